package com.example;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mconats.cli.Main;
import dev.mconats.cluster.LocalDeployment;
import dev.mconats.cluster.LoopbackBlock;
import dev.mconats.pki.FixturePki;
import dev.mconats.pki.KeyType;
import dev.mconats.pki.PuppetSslDir;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The example runs as a user runs it: through the front door, from its classes folder, against a real server. */
class FilteredDiscoveryIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CLASSES = Path.of("target", "classes").toAbsolutePath().toString();

    @TempDir
    Path tmp;

    @Test
    void filteredRequestsAreAnsweredByExactlyTheNodesTheySelect() throws Exception {
        try (LocalDeployment d = LocalDeployment.builder(tmp.resolve("dep")).size(1).addressPrefix(LoopbackBlock.free())
                .keyType(KeyType.EC_P256).start()) {
            Path results = tmp.resolve("results");
            int rc = Main.run("load", "--simulation-class", FilteredDiscovery.class.getName(), "--classpath", CLASSES,
                    "--target", d.targetFile().toString(), "--nodes", "40", "--param", "rounds=2",
                    "--param", "round-interval=0.5", "--param", "ramp-rate=100", "--results-dir", results.toString());
            assertThat(rc).isZero();
            JsonNode s = JSON.readTree(onlyRun(results).resolve("load-summary.json").toFile());
            assertThat(s.at("/simulation").asText()).isEqualTo("FilteredDiscovery");
            assertThat(s.at("/requests/discovery of even nodes/ok").asInt()).isEqualTo(2);
            assertThat(s.at("/requests/rpcutil ping of db nodes/ok").asInt()).isEqualTo(2);
            assertThat(s.at("/requests/rpcutil ping (directed)/ok").asInt()).isEqualTo(2);
            // per round: 20 even nodes + 4 db nodes (fleet indexes 0, 10, 20, 30) + 5 directed targets
            assertThat(s.at("/fleet/replies_sent").asInt()).isEqualTo(2 * (20 + 4 + 5));
            assertThat(s.at("/discovery/missing_replies").asInt()).isZero();
            assertThat(s.at("/gatling/assertions_passed").asBoolean()).isTrue();
        }
    }

    @Test
    void aClassThatIsMissingOrNoSimulationIsOneLineAndExitTwo() {
        record Case(List<String> args, String message) {
        }
        List<Case> cases = List.of(
                new Case(List.of("--simulation-class", "com.example.Nope", "--classpath", CLASSES),
                        "error: --simulation-class: com.example.Nope is not in " + CLASSES),
                // found, but not a simulation: the injector refuses it, its one line reaches the front door's stderr
                new Case(List.of("--simulation-class", "com.example.FilteredDiscoveryIT", "--classpath",
                        Path.of("target", "test-classes").toAbsolutePath().toString()),
                        "error: com.example.FilteredDiscoveryIT is not a Gatling simulation"),
                new Case(List.of("--simulation-class", "com.example.FilteredDiscovery", "--classpath", "/no/such.jar"),
                        "error: --classpath: no such jar or folder: /no/such.jar"),
                new Case(List.of("--simulation", "ConnectStorm", "--simulation-class", "com.example.FilteredDiscovery"),
                        "error: --simulation and --simulation-class exclude each other"));
        for (Case c : cases) {
            try (LocalDeployment d = LocalDeployment.builder(tmp.resolve("dep-" + cases.indexOf(c))).size(1)
                    .addressPrefix(LoopbackBlock.free()).keyType(KeyType.EC_P256).start()) {
                Path results = tmp.resolve("results-" + cases.indexOf(c));
                String[] args = Stream.concat(Stream.of("load", "--target", d.targetFile().toString(), "--nodes", "5",
                        "--results-dir", results.toString()), c.args().stream()).toArray(String[]::new);
                Captured r = Captured.run(args);
                assertThat(r.code()).as(r.err()).isEqualTo(2);
                assertThat(r.err().lines().filter(l -> l.startsWith("error: ")).findFirst().orElse(r.err())).startsWith(c.message());
                assertThat(results.resolve("runs")).satisfiesAnyOf(p -> assertThat(p).doesNotExist(), p -> assertThat(p).isEmptyDirectory());
            }
        }
    }

    /**
     * A user's simulation passes the same load guard as the suite's: against a server outside loopback, without an
     * opt-in, it is refused before any connection. Run in a private network namespace (only loopback exists there),
     * so a broken guard could not send a packet anywhere.
     */
    @Test
    void aUsersSimulationAgainstAServerOutsideLoopbackIsRefused() throws Exception {
        PuppetSslDir ssl = FixturePki.builder(tmp.resolve("ssl")).keyType(KeyType.EC_P256).generate().dir();
        Path target = Files.writeString(tmp.resolve("remote.conf"), "target {\n  name = remote\n  servers = [\"192.0.2.10:4222\"]\n"
                + "  tls { ca = \"" + ssl.caCert() + "\", cert = \"" + ssl.cert(FixturePki.CLIENT) + "\", key = \""
                + ssl.privateKey(FixturePki.CLIENT) + "\" }\n}\n");
        Path results = tmp.resolve("results");
        Process p = new ProcessBuilder("unshare", "--net", "--", Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "load", "--simulation-class",
                FilteredDiscovery.class.getName(), "--classpath", CLASSES, "--target", target.toString(), "--nodes", "5",
                "--results-dir", results.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, java.util.concurrent.TimeUnit.SECONDS)).isTrue();

        assertThat(p.exitValue()).as(out).isEqualTo(2);
        assertThat(out).contains("error: target remote: server 192.0.2.10:4222 resolves to [192.0.2.10], outside 127.0.0.0/8");
        assertThat(results.resolve("runs")).satisfiesAnyOf(r -> assertThat(r).doesNotExist(), r -> assertThat(r).isEmptyDirectory());
    }

    private static Path onlyRun(Path results) throws Exception {
        try (Stream<Path> runs = Files.list(results.resolve("runs"))) {
            List<Path> all = runs.filter(p -> !p.getFileName().toString().startsWith(".")).toList();
            assertThat(all).hasSize(1);
            return all.get(0);
        }
    }

    /** The front door's exit code and what it printed on stderr (the injector's one-line error arrives there too). */
    private record Captured(int code, String err) {
        static Captured run(String... args) {
            PrintStream original = System.err;
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            System.setErr(new PrintStream(buf, true, StandardCharsets.UTF_8));
            try {
                return new Captured(Main.run(args), buf.toString(StandardCharsets.UTF_8));
            } finally {
                System.setErr(original);
            }
        }
    }
}
