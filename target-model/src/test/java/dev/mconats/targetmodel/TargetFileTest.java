package dev.mconats.targetmodel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TargetFileTest {
    @TempDir
    Path dir;

    @BeforeEach
    void pemFiles() throws Exception {
        Files.createDirectories(dir.resolve("ssl/certs"));
        Files.createDirectories(dir.resolve("ssl/private_keys"));
        Files.writeString(dir.resolve("ssl/certs/ca.pem"), "x");
        Files.writeString(dir.resolve("ssl/certs/mco.pem"), "x");
        Files.writeString(dir.resolve("ssl/private_keys/mco.pem"), "x");
    }

    private static final String TLS = "tls { ca = ssl/certs/ca.pem, cert = ssl/certs/mco.pem, key = ssl/private_keys/mco.pem }\n";

    private Target parse(String body) {
        return TargetFile.parse("target {\n" + body + "\n}", dir);
    }

    @Test
    void minimalFileTakesTheDefaults() {
        Target t = parse(TLS);
        assertThat(t.servers()).isEmpty();
        assertThat(t.srv()).isEmpty();
        assertThat(t.discoverServers(new Random())).containsExactly(new ServerAddress("puppet", 4222));
        assertThat(t.expectedClusterSize()).isEmpty();
        assertThat(t.monitorPort()).isEqualTo(8222);
        assertThat(t.routes().probe()).isFalse();
        assertThat(t.allowNonLoopbackLoad()).isFalse();
        assertThat(t.tls().ca()).isEqualTo(dir.resolve("ssl/certs/ca.pem"));
        assertThat(t.tls().caKey()).isEmpty();
        assertThat(t.fault().allowMemberCommands()).isFalse();
        assertThat(t.fault().commandTimeout()).isEqualTo(java.time.Duration.ofMinutes(2));
        assertThat(t.fault().members()).isEmpty();
    }

    @Test
    void faultSectionNamesEachMembersCommands() {
        Target t = parse(TLS + """
                fault {
                  allow-member-commands = true
                  command-timeout = 30s
                  members = [
                    { server = "nats2.stage.example.com:4222", stop = "ssh nats2 systemctl stop nats-server",
                      start = "ssh nats2 systemctl start nats-server" },
                    { name = n3, server = "nats3.stage.example.com", kill = "ssh nats3 systemctl kill -s KILL nats-server",
                      start = "ssh nats3 systemctl start nats-server" }
                  ]
                }
                """);
        FaultSettings f = t.fault();
        assertThat(f.allowMemberCommands()).isTrue();
        assertThat(f.commandTimeout()).isEqualTo(java.time.Duration.ofSeconds(30));
        assertThat(f.members()).hasSize(2);
        FaultSettings.Member m2 = f.member(new ServerAddress("nats2.stage.example.com", 4222)).orElseThrow();
        assertThat(m2.name()).isEqualTo("nats2.stage.example.com");
        assertThat(m2.stop()).isEqualTo("ssh nats2 systemctl stop nats-server");
        assertThat(m2.kill()).isEmpty();
        FaultSettings.Member m3 = f.members().get(1);
        assertThat(m3.name()).isEqualTo("n3");
        assertThat(m3.server()).isEqualTo(new ServerAddress("nats3.stage.example.com", 4222));
        assertThat(m3.stop()).isEmpty();
    }

    @Test
    void fullFile() {
        Target t = parse("""
                name = staging
                servers = ["nats1.example.net", "tls://nats2.example.net:4333"]
                srv { domain = example.net, dns-server = "127.0.0.2:15353" }
                hosts { "nats1.example.net" = "127.0.0.11" }
                monitor = ["http://127.0.0.11:8222"]
                cluster { expected-size = 3, probe-routes = true, route-user = routes, route-password = hunter2 }
                expected-fleet-size = 20000
                load.allow-non-loopback = true
                """ + TLS);
        assertThat(t.name()).isEqualTo("staging");
        assertThat(t.servers()).containsExactly(new ServerAddress("nats1.example.net", 4222), new ServerAddress("nats2.example.net", 4333));
        assertThat(t.discoverServers(new Random())).isEqualTo(t.servers());
        assertThat(t.srv().orElseThrow().serviceName()).isEqualTo("_mcollective-server._tcp.example.net");
        assertThat(t.srv().orElseThrow().dnsServer().orElseThrow().getPort()).isEqualTo(15353);
        assertThat(t.resolve("nats1.example.net").getHostAddress()).isEqualTo("127.0.0.11");
        assertThat(t.monitors()).containsExactly(URI.create("http://127.0.0.11:8222"));
        assertThat(t.expectedClusterSize()).hasValue(3);
        assertThat(t.expectedFleetSize()).isEqualTo(20000);
        assertThat(t.allowNonLoopbackLoad()).isTrue();
        assertThat(t.routes().password().reveal()).isEqualTo("hunter2");
        assertThat(t.routes().password().toString()).isEqualTo("****");
        assertThat(t.toString()).doesNotContain("hunter2");
    }

    @Test
    void everyBadValueNamesItsKey() {
        record Case(String body, String message) {
        }
        List<Case> cases = List.of(
                new Case("", "target.tls.ca: required (path to a PEM file)"),
                new Case("tls { ca = nope.pem, cert = ssl/certs/mco.pem, key = ssl/private_keys/mco.pem }",
                        "target.tls.ca: file not found: " + dir.resolve("nope.pem")),
                new Case(TLS + "servers = [\"tls://\"]", "target.servers: not a server address: 'tls://'"),
                new Case(TLS + "servers = \"nats1\"", "target.servers: "),
                new Case(TLS + "cluster.expected-size = 0", "target.cluster.expected-size: must be at least 1, got 0"),
                new Case(TLS + "cluster.expected-size = three", "target.cluster.expected-size: "),
                new Case(TLS + "monitor-port = 70000", "target.monitor-port: port 70000 out of range 1-65535"),
                new Case(TLS + "srv { domain = example.net, dns-server = \"127.0.0.2\" }", "target.srv.dns-server: expected host:port, got '127.0.0.2'"),
                new Case(TLS + "monitor = [\"ftp://x\"]", "target.monitor: not an http(s) URL: 'ftp://x'"),
                new Case(TLS + "load.allow-non-loopback = maybe", "target.load.allow-non-loopback: "),
                new Case(TLS + "fault.command-timeout = 0s", "target.fault.command-timeout: must be positive"),
                new Case(TLS + "fault.command-timeout = soon", "target.fault.command-timeout: "),
                new Case(TLS + "fault.members = [{ server = \"n2:4222\", stop = x }]",
                        "target.fault.members[0].start: required (the command that starts n2:4222 again)"),
                new Case(TLS + "fault.members = [{ server = \"n2:4222\", start = x }]",
                        "target.fault.members[0]: needs a stop or a kill command for n2:4222"),
                new Case(TLS + "fault.members = [{ stop = x, start = y }]", "target.fault.members[0].server: "),
                new Case(TLS + "fault.members = [{ server = \"tls://\", stop = x, start = y }]",
                        "target.fault.members[0].server: not a server address"),
                new Case(TLS + "fault.members = nope", "target.fault.members: "));
        for (Case c : cases) {
            assertThatThrownBy(() -> parse(c.body())).as(c.body()).isInstanceOf(TargetException.class)
                    .hasMessageStartingWith(c.message()).hasMessageNotContaining("\n");
        }
    }

    @Test
    void malformedAndMissingFiles() throws Exception {
        assertThatThrownBy(() -> TargetFile.load(dir.resolve("missing.conf")))
                .isInstanceOf(TargetException.class).hasMessage("target file not found: " + dir.resolve("missing.conf"));
        Path bad = Files.writeString(dir.resolve("bad.conf"), "target { servers = [ ");
        assertThatThrownBy(() -> TargetFile.load(bad)).isInstanceOf(TargetException.class)
                .hasMessageStartingWith("target file " + bad + " is malformed:");
    }

    @Test
    void unknownKeysAreNamed() {
        assertThatThrownBy(() -> parse(TLS + "expected-fleetsize = 20000")).isInstanceOf(TargetException.class)
                .hasMessageStartingWith("target.expected-fleetsize: unknown key");
        assertThatThrownBy(() -> parse(TLS + "cluster { route-pasword = x }")).isInstanceOf(TargetException.class)
                .hasMessageStartingWith("target.cluster.route-pasword: unknown key");
        // entries of a map key are not keys
        assertThat(parse(TLS + "hosts { \"a.b.example.net\" = \"127.0.0.9\" }").hosts()).containsEntry("a.b.example.net", "127.0.0.9");
    }

    @Test
    void everyKeyRoundTripsThroughToHoconAndNoSecretIsWritten() throws Exception {
        Files.writeString(dir.resolve("ssl/ca_key.pem"), "x");
        Target t = parse("""
                name = "staging \\"blue\\""
                servers = ["nats1.example.net", "tls://nats2.example.net:4333"]
                srv { domain = example.net, dns-server = "127.0.0.2:15353" }
                hosts { "nats1.example.net" = "127.0.0.11", "nats2.example.net" = "127.0.0.12" }
                monitor = ["http://127.0.0.11:8222"]
                monitor-port = 9222
                tls { ca-key = ssl/ca_key.pem, expiry-warning-days = 10 }
                cluster { expected-size = 3, route-port = 5223, probe-routes = true, route-user = routes, route-password = hunter2 }
                expected-fleet-size = 20000
                server-open-files-limit = 65536
                load.allow-non-loopback = true
                fault { allow-member-commands = true, command-timeout = 30s, members = [
                  { name = n2, server = "nats2.example.net:4333", stop = "ssh n2 \\"systemctl stop nats-server\\"", start = "ssh n2 systemctl start nats-server" } ] }
                """ + TLS);
        for (TargetKey<?> k : TargetKeys.all()) {
            if (k != TargetKeys.NAME && k != TargetKeys.CLUSTER_ROUTE_PASSWORD && !k.required()) {
                assertThat(t.get(k)).as("the file sets %s", k).isNotEqualTo(k.defaultValue());
            }
        }
        String hocon = t.toHocon();
        assertThat(hocon).doesNotContain("hunter2").contains("${?MCO_NATS_ROUTE_PASSWORD}");
        Path written = t.write(dir.resolve("written/t.conf"));
        Target back = TargetFile.load(written);
        // the password comes from the environment when the written file is read (unset here)
        Target expected = t.toBuilder().file(written).set(TargetKeys.CLUSTER_ROUTE_PASSWORD, Secret.of("")).build();
        assertThat(back).isEqualTo(expected);
        assertThat(back.name()).isEqualTo("staging \"blue\"");
    }

    @Test
    void builderFillsDefaultsAndNamesMissingRequiredKeys() {
        assertThatThrownBy(() -> Target.builder().build()).isInstanceOf(TargetException.class)
                .hasMessage("target.tls.ca: required (path to a PEM file)");
        Target t = Target.builder().set(TargetKeys.TLS_CA, dir.resolve("ssl/certs/ca.pem"))
                .set(TargetKeys.TLS_CERT, dir.resolve("ssl/certs/mco.pem"))
                .set(TargetKeys.TLS_KEY, dir.resolve("ssl/private_keys/mco.pem")).build();
        assertThat(t.toHocon()).doesNotContain("monitor-port").doesNotContain("name =").doesNotContain("expected-size");
        assertThat(t.expectedClusterSize()).isEmpty();
        assertThat(t.monitorPort()).isEqualTo(8222);
        assertThat(TargetFile.parse(t.toHocon(), dir).toBuilder().file(null).build()).isEqualTo(t);
    }

    /** README.md's "Target file" table lists exactly the declared keys, with their defaults. */
    @Test
    void readmeTableMatchesTheKeys() throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"));
        String section = readme.substring(readme.indexOf("## Target file"));
        section = section.substring(0, section.indexOf("\n## ", 3));
        java.util.Map<String, String> rows = new java.util.LinkedHashMap<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?m)^\\| `([a-z.-]+)` \\| ([^|]+) \\|").matcher(section);
        while (m.find()) {
            rows.put(m.group(1), normalise(m.group(2)));
        }
        java.util.Map<String, String> keys = new java.util.LinkedHashMap<>();
        TargetKeys.all().forEach(k -> keys.put(k.path(), normalise(k.defaultText())));
        assertThat(rows).isEqualTo(keys);
    }

    private static String normalise(String s) {
        String t = s.strip().replace("`", "");
        return t.length() > 2 && t.startsWith("\"") && t.endsWith("\"") ? t.substring(1, t.length() - 1) : t;
    }
}
