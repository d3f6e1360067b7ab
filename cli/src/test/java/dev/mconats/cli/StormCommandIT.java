package dev.mconats.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mconats.cluster.ProcessRegistry;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The storms from the front door on fresh local deployments (processes and containers): the verdict line, the run
 * folder's storm object, and nothing left running afterwards, also when the command is stopped in the middle of an
 * outage (Ctrl-C).
 */
class StormCommandIT {
    private static final Pattern FRESH = Pattern.compile("started a fresh .* in (\\S+)");
    private static final String[] SMALL = {"--nodes", "30", "--rounds", "1", "--ramp-rate", "30", "--param", "round-interval=0.5",
            "--param", "discovery-timeout=2", "--param", "directed=0"};

    @TempDir
    Path tmp;

    private record Run(int code, String out) {
        Path freshDir() {
            Matcher m = FRESH.matcher(out);
            assertThat(m.find()).as(out).isTrue();
            return Path.of(m.group(1));
        }
    }

    private static Run load(String... args) {
        PrintStream old = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            List<String> all = new ArrayList<>(List.of("load"));
            all.addAll(List.of(args));
            all.addAll(List.of(SMALL));
            return new Run(Main.run(all.toArray(String[]::new)), out.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(old);
        }
    }

    private static JsonNode storm(Path reports) throws Exception {
        try (var runs = Files.list(reports.resolve("runs"))) {
            Path run = runs.filter(p -> p.getFileName().toString().endsWith("-load")).findFirst().orElseThrow();
            return new ObjectMapper().readTree(run.resolve("load-summary.json").toFile()).path("storm");
        }
    }

    /** Processes whose command line names the folder (servers, dnsmasq, injectors of that deployment). */
    private static List<String> runningIn(Path dir) {
        return ProcessHandle.allProcesses().filter(ProcessHandle::isAlive)
                .map(h -> h.info().commandLine().orElse("")).filter(c -> c.contains(dir.toString())).toList();
    }

    @Test
    void reconnectStormOnAFreshClusterPassesAndLeavesNothingRunning() throws Exception {
        Path reports = tmp.resolve("reports");
        Run r = load("--simulation", "ReconnectStorm", "--local-server", "ec-p256", "--down-for", "2", "--results-dir", reports.toString());

        assertThat(r.code()).as(r.out()).isZero();
        assertThat(r.out()).contains("load: ReconnectStorm PASS: 1 step(s) passed");
        JsonNode s = storm(reports);
        assertThat(s.path("verdict").asText()).isEqualTo("PASS");
        assertThat(s.path("members").asInt()).isEqualTo(3);
        assertThat(s.path("steps").get(0).path("all_reconnected_ms").asLong()).isPositive();
        assertThat(runningIn(r.freshDir())).isEmpty();
        assertThat(r.freshDir()).doesNotExist();
        assertThat(ProcessRegistry.live()).isEmpty();
    }

    @Test
    void rollingRestartOnContainers() throws Exception {
        String image = DockerApi.requireOrSkip("containers storm");
        Path reports = tmp.resolve("reports");
        Run r = load("--simulation", "RollingRestart", "--local-server", "ec-p256", "--launcher", "containers", "--image", image,
                "--down-for", "1", "--results-dir", reports.toString());

        assertThat(r.code()).as(r.out()).isZero();
        JsonNode s = storm(reports);
        assertThat(s.path("verdict").asText()).as(s.toString()).isEqualTo("PASS");
        assertThat(s.path("steps")).hasSize(3);
        for (JsonNode step : s.path("steps")) {
            assertThat(step.path("mesh_whole_ms").isNumber()).as(step.toString()).isTrue();
            assertThat(step.path("after_rounds").path("ko").asInt()).isZero();
        }
        assertThat(r.freshDir()).doesNotExist();
        assertThat(ProcessRegistry.live()).isEmpty();
    }

    @Test
    void ctrlCDuringAnOutageLeavesNothingBehind() throws Exception {
        String javaBin = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = new ArrayList<>(List.of(javaBin, "-cp", System.getProperty("java.class.path"), Main.class.getName(), "load",
                "--simulation", "ReconnectStorm", "--local-server", "ec-p256", "--down-for", "60", "--results-dir", tmp.resolve("reports").toString()));
        cmd.addAll(List.of(SMALL));
        Process cli = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        Path fresh = null;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(cli.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while (fresh == null && (line = out.readLine()) != null) {
                Matcher m = FRESH.matcher(line);
                if (m.find()) {
                    fresh = Path.of(m.group(1));
                }
            }
            assertThat(fresh).as("the CLI started a fresh deployment").isNotNull();
            Path pidFile = fresh.resolve("cluster/node2/nats-server.pid");
            long before = Long.parseLong(Files.readString(pidFile).trim());
            long deadline = System.currentTimeMillis() + 120_000;
            while (ProcessHandle.of(before).map(ProcessHandle::isAlive).orElse(false)) {
                assertThat(System.currentTimeMillis()).as("the storm took node2 down").isLessThan(deadline);
                Thread.sleep(100);
            }
            cli.toHandle().destroy(); // SIGTERM, what Ctrl-C amounts to for the JVM (Process.destroy would close our pipe)
            cli.getInputStream().transferTo(java.io.OutputStream.nullOutputStream()); // until the CLI exits
            assertThat(cli.waitFor(180, TimeUnit.SECONDS)).as("the CLI exits").isTrue();
        } finally {
            cli.destroyForcibly();
        }
        assertThat(runningIn(fresh)).as("servers, dnsmasq and injector of the stopped run").isEmpty();
        assertThat(fresh).doesNotExist();
    }
}
