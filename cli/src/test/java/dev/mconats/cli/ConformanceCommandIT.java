package dev.mconats.cli;

import dev.mconats.targetmodel.ServerAddress;
import dev.mconats.targetmodel.TargetKeys;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mconats.cluster.LocalDeployment;
import dev.mconats.cluster.LoopbackBlock;
import dev.mconats.pki.KeyType;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mco-nats conformance --target FILE} against a real local node: reports, exit codes, one-line errors. */
class ConformanceCommandIT {
    @TempDir
    static Path shared;
    static LocalDeployment deployment;

    @TempDir
    Path reports;

    record Run(int code, String out, String err) {
    }

    @BeforeAll
    static void start() {
        deployment = LocalDeployment.builder(shared.resolve("d")).size(1).addressPrefix(LoopbackBlock.free()).keyType(KeyType.EC_P256).start();
    }

    @AfterAll
    static void stop() {
        if (deployment != null) {
            deployment.close();
        }
    }

    private static Run run(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            int code = Main.run(args);
            return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    private List<Path> runFolders() throws Exception {
        Path runs = reports.resolve("runs");
        if (!Files.isDirectory(runs)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(runs)) {
            return s.toList();
        }
    }

    private Path variant(String name, List<String> servers, long fleet) {
        return variant(name, servers, fleet, true);
    }

    private Path variant(String name, List<String> servers, long fleet, boolean withCaKey) {
        return deployment.target().toBuilder().set(TargetKeys.NAME, name)
                .set(TargetKeys.SERVERS, servers.stream().map(ServerAddress::parse).toList())
                .set(TargetKeys.SRV_DOMAIN, servers.isEmpty() ? deployment.domain() : "")
                .set(TargetKeys.TLS_CA_KEY, withCaKey ? deployment.target().tls().caKey() : Optional.empty())
                .set(TargetKeys.CLUSTER_EXPECTED_SIZE, Optional.of(1))
                .set(TargetKeys.EXPECTED_FLEET_SIZE, fleet)
                .build().write(shared.resolve(name + ".conf"));
    }

    @Test
    void aHealthyTargetExitsZeroAndLeavesACompleteRunFolder() throws Exception {
        Run r = run("conformance", "--target", deployment.targetFile().toString(), "--results-dir", reports.toString());
        assertThat(r.code()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("PASS  tls/plaintext-rejected", "PASSED (18 checks, 19 results", "report: ");
        List<Path> runs = runFolders();
        assertThat(runs).hasSize(1);
        Path run = runs.get(0);
        assertThat(run.getFileName().toString()).endsWith("-conformance").doesNotStartWith(".");
        assertThat(run.resolve("conformance/results.json")).isNotEmptyFile();
        assertThat(run.resolve("conformance/junit.xml")).isNotEmptyFile();
        assertThat(run.resolve("conformance/report.html")).isNotEmptyFile();
        JsonNode meta = new ObjectMapper().readTree(run.resolve("run.json").toFile());
        assertThat(meta.path("kind").asText()).isEqualTo("conformance");
        assertThat(meta.path("status").asText()).isEqualTo("PASS");
        assertThat(meta.path("headline").asText()).isEqualTo("PASSED");
        assertThat(meta.path("counts").path("PASS").asInt()).isEqualTo(19);
        assertThat(r.out()).contains(run.resolve("conformance/report.html").toString());
    }

    @Test
    void onlyRunsTheChosenChecks() throws Exception {
        Run r = run("conformance", "--target", deployment.targetFile().toString(), "--results-dir", reports.toString(),
                "--only", "tls/plaintext-rejected,monitor", "--only", "srv/records-present");
        assertThat(r.code()).as(r.out() + r.err()).isZero();
        JsonNode results = new ObjectMapper().readTree(runFolders().get(0).resolve("conformance/results.json").toFile());
        assertThat(results.path("checks").findValuesAsText("id"))
                .containsExactly("tls/plaintext-rejected", "srv/records-present", "monitor/limits");
    }

    @Test
    void aFailingCheckExitsOneAndIsStillReported() throws Exception {
        Run r = run("conformance", "--target", variant("big-fleet", List.of(), 10_000_000).toString(), "--results-dir", reports.toString());
        assertThat(r.code()).as(r.out() + r.err()).isEqualTo(1);
        assertThat(r.out()).contains("FAIL  monitor/limits", "is below the expected fleet size 10000000", "FAILED:");
        assertThat(runFolders()).hasSize(1);
    }

    @Test
    void skipsAreNamedInTheHeadlineAndStrictFailsOnThem() throws Exception {
        Path noCaKey = variant("no-ca-key", List.of(), 1000, false);
        Run lenient = run("conformance", "--target", noCaKey.toString(), "--results-dir", reports.toString());
        assertThat(lenient.code()).as(lenient.out() + lenient.err()).isZero();
        assertThat(lenient.out()).contains("PASSED with 2 SKIPPED (18 checks, 19 results: 17 PASS, 2 SKIP, 0 WARN, 0 FAIL");

        Run strict = run("conformance", "--target", noCaKey.toString(), "--results-dir", reports.toString(), "--strict");
        assertThat(strict.code()).as(strict.out() + strict.err()).isEqualTo(1);
        assertThat(strict.out()).contains("FAILED (strict): 2 SKIPPED (", "--strict: SKIP and WARN fail the run");
        Path run = runFolders().stream().sorted().reduce((a, b) -> b).orElseThrow();
        JsonNode results = new ObjectMapper().readTree(run.resolve("conformance/results.json").toFile());
        assertThat(results.path("headline").asText()).isEqualTo("FAILED (strict): 2 SKIPPED");
        assertThat(results.path("strict").asBoolean()).isTrue();
        assertThat(results.path("status").asText()).isEqualTo("FAIL");
        assertThat(results.path("counts").path("SKIP").asInt()).isEqualTo(2);
        assertThat(Files.readString(run.resolve("conformance/junit.xml"))).contains("type=\"strict\"", "SKIP (strict run): needs the CA key");
        assertThat(new ObjectMapper().readTree(run.resolve("run.json").toFile()).path("headline").asText()).isEqualTo("FAILED (strict): 2 SKIPPED");
    }

    @Test
    void anUnreachableTargetIsOneLineExitTwoAndNoReport() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        Run r = run("conformance", "--target", variant("gone", List.of("127.0.0.1:" + closed), 1000).toString(),
                "--results-dir", reports.toString());
        assertThat(r.code()).isEqualTo(Main.USAGE_OR_ENVIRONMENT);
        assertThat(r.err().strip()).startsWith("error: no server of 'gone' answers").doesNotContain("\n").doesNotContain("Exception");
        assertThat(runFolders()).isEmpty();
    }

    @Test
    void userErrorsAreOneLineAndExitTwo() {
        Run bogus = run("conformance", "--target", deployment.targetFile().toString(), "--only", "bogus", "--results-dir", reports.toString());
        assertThat(bogus.code()).isEqualTo(Main.USAGE_OR_ENVIRONMENT);
        assertThat(bogus.err().strip()).startsWith("error: --only 'bogus' matches no check").doesNotContain("\n");

        Run missing = run("conformance", "--target", shared.resolve("nope.conf").toString(), "--results-dir", reports.toString());
        assertThat(missing.code()).isEqualTo(Main.USAGE_OR_ENVIRONMENT);
        assertThat(missing.err().strip()).isEqualTo("error: target file not found: " + shared.resolve("nope.conf"));
    }

    @Test
    void listNamesEveryCheckWithItsRequirementAndSource() {
        Run r = run("conformance", "--list");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("tls/handshake-timeout\n    The server allows at least 2 s", "source: go-choria#228", "monitor/limits");
    }
}
