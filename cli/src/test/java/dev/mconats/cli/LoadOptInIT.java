package dev.mconats.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The opt-in for load outside 127.0.0.0/8 comes from the target file or the mco-nats command line only, and run.json
 * says which. The attempts to forge it run the whole command (front door and injector) in a private network namespace
 * where only loopback exists, against a target whose server is a documentation address (192.0.2.10): a refusal that
 * failed could not send a packet anywhere.
 */
class LoadOptInIT {
    @TempDir
    Path dir;

    record Run(int code, String output) {
    }

    private Path remoteTarget() throws Exception {
        PuppetSslDir ssl = FixturePki.builder(dir.resolve("ssl")).keyType(KeyType.EC_P256).generate().dir();
        Path t = dir.resolve("remote.conf");
        Files.writeString(t, "target {\n  name = remote\n  servers = [\"192.0.2.10:4222\"]\n"
                + "  tls { ca = \"" + ssl.caCert() + "\", cert = \"" + ssl.cert(FixturePki.CLIENT) + "\", key = \""
                + ssl.privateKey(FixturePki.CLIENT) + "\" }\n}\n");
        return t;
    }

    /** mco-nats in a fresh JVM inside a private network namespace, with {@code injectorOpts} as MCO_NATS_INJECTOR_JAVA_OPTS. */
    private Run isolated(String injectorOpts, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("unshare", "--net", "--", "sh", "-c", "ip link set lo up && exec \"$0\" \"$@\"",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", System.getProperty("java.class.path"),
                Main.class.getName()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("MCO_NATS_INJECTOR_JAVA_OPTS", injectorOpts);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Run(p.exitValue(), out);
    }

    private List<Path> runFolders(Path results) throws Exception {
        Path runs = results.resolve("runs");
        if (!Files.isDirectory(runs)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(runs)) {
            return s.toList();
        }
    }

    @Test
    void forgedInjectorJvmOptionsCannotOptInAndTheRunIsRefusedBeforeAnyConnection() throws Exception {
        Path results = dir.resolve("results");
        Run r = isolated("-Dmconats.load.allow-non-loopback=true", "load", "--target", remoteTarget().toString(),
                "--nodes", "5", "--results-dir", results.toString());

        assertThat(r.code()).as(r.output()).isEqualTo(2);
        assertThat(r.output()).contains("error: mconats.load.allow-non-loopback: not accepted as a parameter")
                .doesNotContain("Exception");
        assertThat(runFolders(results)).isEmpty();
    }

    @Test
    void withoutAnOptInTheServerOutsideLoopbackIsRefused() throws Exception {
        Path results = dir.resolve("results");
        Run r = isolated("", "load", "--target", remoteTarget().toString(), "--nodes", "5", "--results-dir", results.toString());

        assertThat(r.code()).as(r.output()).isEqualTo(2);
        assertThat(r.output()).contains("error: target remote: server 192.0.2.10:4222 resolves to [192.0.2.10], outside 127.0.0.0/8");
        assertThat(runFolders(results)).isEmpty();
    }

    @Test
    void theOptInIsNotASimulationParameter() throws Exception {
        Run r = isolated("", "load", "--target", remoteTarget().toString(), "--param", "allow-non-loopback=true",
                "--results-dir", dir.resolve("results").toString());

        assertThat(r.code()).as(r.output()).isEqualTo(2);
        assertThat(r.output()).contains("--param allow-non-loopback: not a parameter; use --allow-non-loopback");
    }

    @Test
    void runJsonRecordsTheOptInAndWhereItCameFrom() throws Exception {
        Path results = dir.resolve("results");
        try (LocalDeployment d = LocalDeployment.builder(dir.resolve("dep")).size(1).addressPrefix(LoopbackBlock.free())
                .keyType(KeyType.EC_P256).start()) {
            PrintStream oldOut = System.out;
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            int code;
            try {
                code = Main.run(new String[] {"load", "--target", d.targetFile().toString(), "--preset", "small", "--nodes", "5",
                        "--rounds", "1", "--allow-non-loopback", "--results-dir", results.toString()});
            } finally {
                System.setOut(oldOut);
            }
            assertThat(code).as(out.toString(StandardCharsets.UTF_8)).isZero();
        }
        List<Path> runs = runFolders(results);
        assertThat(runs).hasSize(1);
        JsonNode scope = new ObjectMapper().readTree(runs.get(0).resolve("run.json").toFile()).path("load_scope");
        assertThat(scope.path("allow_non_loopback").asBoolean()).isTrue();
        assertThat(scope.path("opt_in").asText()).isEqualTo("command line (--allow-non-loopback)");
        assertThat(scope.path("servers").size()).isEqualTo(1);
    }
}
