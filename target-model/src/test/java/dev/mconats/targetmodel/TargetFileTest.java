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
                new Case(TLS + "load.allow-non-loopback = maybe", "target.load.allow-non-loopback: "));
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
    void writerOutputReadsBackAndHoldsNoPassword() {
        TargetWriter.Spec spec = new TargetWriter.Spec("local", List.of(), "example.net", "127.0.0.2:15353", java.util.Map.of("a.example.net", "127.0.0.9"),
                List.of("http://127.0.0.11:8222"), dir.resolve("ssl/certs/ca.pem"), dir.resolve("ssl/certs/mco.pem"),
                dir.resolve("ssl/private_keys/mco.pem"), null, 3, true, "routes", 500);
        Path f = TargetWriter.write(dir.resolve("t.conf"), spec);
        Target t = TargetFile.load(f);
        assertThat(t.name()).isEqualTo("local");
        assertThat(t.expectedClusterSize()).hasValue(3);
        Target unset = TargetFile.load(TargetWriter.write(dir.resolve("u.conf"), new TargetWriter.Spec("local", List.of(), "", "",
                java.util.Map.of(), List.of(), spec.ca(), spec.cert(), spec.key(), null, 0, false, "", 500)));
        assertThat(unset.expectedClusterSize()).isEmpty();
        assertThat(t.resolve("a.example.net").getHostAddress()).isEqualTo("127.0.0.9");
        assertThat(t.routes().user()).isEqualTo("routes");
        assertThat(t.routes().password().isEmpty()).isTrue();
    }
}
