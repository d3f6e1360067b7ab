package dev.mconats.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import dev.mconats.cluster.EmbeddedDefault;
import dev.mconats.cluster.LoopbackBlock;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.DockerClientFactory;

/**
 * The embedded default brought up with {@code local up --launcher containers} (moved to free loopback blocks) is used,
 * not restarted, by every command that uses it without {@code --target}; with one container exited every command
 * refuses it as partly up; {@code local down} removes every container, the exited one too.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EmbeddedDefaultOnContainersIT {
    @TempDir
    static Path tmp;
    static Path state;
    static Path results;

    record Run(int code, String out) {
    }

    static Run run(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        PrintStream both = new PrintStream(buf, true, StandardCharsets.UTF_8);
        System.setOut(both);
        System.setErr(both);
        try {
            int code = Main.run(args);
            return new Run(code, buf.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    static Run withState(String... args) {
        List<String> all = new java.util.ArrayList<>(Arrays.asList(args));
        all.addAll(List.of("--state-dir", state.toString()));
        if (!args[0].equals("local")) {
            all.addAll(List.of("--results-dir", results.toString()));
        }
        return run(all.toArray(String[]::new));
    }

    @BeforeAll
    static void up() {
        String image = DockerApi.requireOrSkip("the embedded default on containers");
        state = tmp.resolve("state");
        results = tmp.resolve("results");
        String single = LoopbackBlock.free();
        String cluster;
        do {
            cluster = LoopbackBlock.free();
        } while (cluster.equals(single));
        Run up = withState("local", "up", "--launcher", "containers", "--image", image, "--key-type", "ec-p256",
                "--single-block", single, "--cluster-block", cluster);
        assertThat(up.code()).as(up.out()).isZero();
    }

    @AfterAll
    static void down() {
        if (state != null) {
            new EmbeddedDefault(state).down(); // after a failed test too; the last test proves down itself
            assertThat(containersOf(state)).isEmpty();
        }
    }

    /** Every container, running or not, labelled with a node folder under {@code dir} (asked of podman's API). */
    static List<Container> containersOf(Path dir) {
        DockerClient docker = DockerClientFactory.instance().client();
        return docker.listContainersCmd().withShowAll(true).exec().stream()
                .filter(c -> c.getLabels() != null && c.getLabels().getOrDefault("dev.mconats.deployment", "").startsWith(dir.toString()))
                .toList();
    }

    static String containerId(String node) throws Exception {
        return Files.readString(state.resolve(node).resolve("container.id")).trim();
    }

    static List<JsonNode> runs(String kind) throws Exception {
        try (Stream<Path> s = Files.list(results.resolve("runs"))) {
            List<JsonNode> out = new java.util.ArrayList<>();
            for (Path p : s.filter(p -> p.getFileName().toString().endsWith("-" + kind)).sorted().toList()) {
                out.add(new ObjectMapper().readTree(p.resolve("run.json").toFile()));
            }
            return out;
        }
    }

    static void assertStillUp() {
        assertThat(new EmbeddedDefault(state).status().state()).isEqualTo(EmbeddedDefault.Status.State.UP);
    }

    @Test
    @Order(1)
    void localStatusSeesTheFourContainersAndTheTwoDnsProcesses() {
        Run r = withState("local", "status");
        assertThat(r.code()).as(r.out()).isZero();
        assertThat(r.out().lines().filter(l -> l.startsWith("running: ") && l.matches(".*  container [0-9a-f]{12}$"))).hasSize(4);
        assertThat(r.out().lines().filter(l -> l.startsWith("running: dns ") && l.matches(".*  pid \\d+$"))).hasSize(2);
        assertThat(r.out()).contains("all 6 up");
    }

    @Test
    @Order(2)
    void conformanceTestsTheContainersWithoutStartingAnything() throws Exception {
        Run r = withState("conformance");
        assertThat(r.code()).as(r.out()).isZero();
        assertThat(r.out()).doesNotContain("starting the local deployments", "stopped", "removed");
        assertThat(runs("conformance")).hasSize(2).allSatisfy(m -> assertThat(m.path("status").asText()).isEqualTo("PASS"));
        assertStillUp();
    }

    @Test
    @Order(3)
    void loadRunsAgainstTheSingleNodeContainerAndMeasuresItsProcess() throws Exception {
        Run r = withState("load", "--preset", "small");
        assertThat(r.code()).as(r.out()).isZero();
        assertThat(r.out()).doesNotContain("starting the embedded default");
        JsonNode meta = runs("load").get(0);
        assertThat(meta.path("target").asText()).isEqualTo("single (1 node, local)");
        long pid = new EmbeddedDefault(state).status().serverPids("single").get(0);
        assertThat(meta.path("parameters").path("server-pids").asText()).isEqualTo(String.valueOf(pid));
        assertThat(Files.readString(Path.of("/proc/" + pid + "/cmdline"))).as("the container's server, seen from the host").contains("nats-server");
        assertThat(Files.readString(state.resolve("single/cluster/node1/nats-server.log")))
                .as("no second server was started on the container's addresses").doesNotContain("address already in use");
        assertStillUp();
    }

    @Test
    @Order(4)
    void fleetRunsAgainstTheClusterContainers() throws Exception {
        Run r = withState("fleet", "--injectors", "1", "--nodes", "20", "--param", "preset=small");
        assertThat(r.code()).as(r.out()).isZero();
        assertThat(r.out()).doesNotContain("starting the embedded default");
        JsonNode meta = runs("fleet").get(0);
        assertThat(meta.path("target").asText()).isEqualTo("cluster (3 nodes, local)");
        assertThat(meta.path("parameters").path("server-pids").asText().split(",")).hasSize(3);
        assertStillUp();
    }

    @Test
    @Order(5)
    void runUsesTheContainersAndLeavesThemUp() {
        Run r = withState("run", "--skip-load");
        assertThat(r.code()).as(r.out()).isZero();
        assertThat(r.out()).contains("] conformance: 1 node", "] conformance: 3-node cluster", "] report")
                .doesNotContain("] local up", "] local down");
        assertStillUp();
    }

    @Test
    @Order(6)
    void withOneContainerExitedEveryCommandRefusesThePartlyUpDeployment() throws Exception {
        String id = containerId("cluster/cluster/node2");
        DockerClientFactory.instance().client().killContainerCmd(id).exec();
        Run status = withState("local", "status");
        assertThat(status.code()).isEqualTo(3);
        assertThat(status.out()).contains("down:    nats2.example.net", "container " + id.substring(0, 12) + " (exited", "partly up: 5 of 6 running");
        String refusal = "error: the local deployments in " + state + " are only partly up (5 of 6 running; not running: nats2.example.net "
                + "[container " + id.substring(0, 12) + " (exited ";
        for (String[] command : List.of(new String[] {"conformance"}, new String[] {"load", "--preset", "small"},
                new String[] {"fleet", "--injectors", "1", "--nodes", "20"}, new String[] {"run", "--skip-load"},
                new String[] {"local", "up"})) {
            Run r = withState(command);
            assertThat(r.code()).as(command[0] + ": " + r.out()).isEqualTo(Main.USAGE_OR_ENVIRONMENT);
            assertThat(r.out().strip()).as(command[0]).startsWith(refusal).doesNotContain("\n");
        }
    }

    @Test
    @Order(7)
    void localDownRemovesEveryContainerTheExitedOneToo() throws Exception {
        String exited = containerId("cluster/cluster/node2");
        assertThat(containersOf(state)).hasSize(4);
        Run r = withState("local", "down");
        assertThat(r.code()).as(r.out()).isZero();
        assertThat(r.out().lines()).contains("removed container nats2.example.net " + exited.substring(0, 12) + " (had exited)");
        assertThat(r.out().lines().filter(l -> l.matches("removed container nats[13]\\.(single\\.)?example\\.net [0-9a-f]{12} \\(was running\\)"))).hasSize(3);
        assertThat(r.out().lines().filter(l -> l.matches("stopped dns (single\\.)?example\\.net \\(pid \\d+\\)"))).hasSize(2);
        assertThat(containersOf(state)).as("podman's API lists no container of this deployment, running or exited").isEmpty();
        try (Stream<Path> files = Files.walk(state)) {
            assertThat(files.filter(f -> f.getFileName().toString().equals("container.id"))).isEmpty();
        }
        assertThat(withState("local", "status").code()).isEqualTo(3);
        assertThat(withState("local", "down").out()).startsWith("nothing running in " + state);
    }

    @Test
    @Order(8)
    void whenDownConformanceStartsItOnTheRecordedBlocksAndStopsItAgain() throws Exception {
        EmbeddedDefault.Addresses recorded = new EmbeddedDefault(state).addresses();
        int before = runs("conformance").size();
        Run r = withState("conformance");
        assertThat(r.code()).as(r.out()).isZero();
        assertThat(Files.readString(state.resolve("single/target.conf"))).contains(recorded.single() + "2:15353");
        assertThat(Files.readString(state.resolve("cluster/target.conf"))).contains(recorded.cluster() + "2:15353");
        assertThat(r.out()).contains("starting the local deployments").containsPattern("stopped nats2\\.example\\.net \\(pid \\d+\\)");
        assertThat(runs("conformance")).hasSize(before + 2).allSatisfy(m -> assertThat(m.path("status").asText()).isEqualTo("PASS"));
        assertThat(new EmbeddedDefault(state).status().state()).isEqualTo(EmbeddedDefault.Status.State.DOWN);
    }
}
