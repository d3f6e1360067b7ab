package dev.mconats.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mconats.reports.progress.ProgressFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The progress view of the front door run as a user runs it, in a process of its own: with its output in a file it
 * prints compact lines with the phases in order and the summary's counts at the end; under a pseudo-terminal it
 * rewrites its lines in place. Small fleets on fresh local servers (free loopback blocks).
 */
class ProgressIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> LOAD_PHASES = List.of("starting servers", "starting injector", "connecting",
            "warm-up round 1 of 1", "round 1 of 2", "round 2 of 2", "finishing", "report", "done");
    private static final List<String> SMALL = List.of("--local-server", "ec-p256", "--param", "rounds=2", "--param",
            "round-interval=1", "--ramp-rate", "20", "--progress-interval", "2");

    @TempDir
    Path tmp;

    record Run(int code, String out, String err) {
    }

    /** {@code mco-nats <args>} in its own JVM, standard output and error in files (not a terminal). */
    private Run frontDoor(List<String> args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(java(), "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(args);
        return run(cmd);
    }

    private Run run(List<String> cmd) throws IOException, InterruptedException {
        Path out = Files.createTempFile(tmp, "out", ".txt");
        Path err = Files.createTempFile(tmp, "err", ".txt");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().remove("MCO_NATS_PROGRESS");
        Process p = pb.start();
        if (!p.waitFor(240, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw new AssertionError("the front door did not finish within 240 s; output: " + Files.readString(out));
        }
        return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static List<String> args(String... first) {
        List<String> a = new ArrayList<>(List.of(first));
        a.addAll(SMALL);
        return a;
    }

    /** The phases the progress lines of {@code command} name, in order, each once. */
    private static List<String> phases(String out, String command) {
        Pattern line = Pattern.compile("^" + command + ": \\d+:\\d\\d (.+?)(?: \\| .*)?$");
        List<String> phases = new ArrayList<>();
        for (String l : out.lines().toList()) {
            Matcher m = line.matcher(l);
            if (m.matches()) {
                String phase = m.group(1).replaceFirst(" \\(merging \\d+ records\\)$", "");
                if (phases.isEmpty() || !phases.get(phases.size() - 1).equals(phase)) {
                    phases.add(phase);
                }
            }
        }
        return phases;
    }

    /** For each fleet progress line naming both shards: {nodes live on the line, sum of the shards' live nodes}. */
    private static List<long[]> shardSums(String out) {
        Pattern line = Pattern.compile("^fleet: \\d+:\\d\\d [^|]+\\| (\\d+)/24 nodes live \\| .*\\| shards 0: (\\d+)/12, 1: (\\d+)/12$");
        List<long[]> sums = new ArrayList<>();
        for (String l : out.lines().toList()) {
            Matcher m = line.matcher(l);
            if (m.matches()) {
                sums.add(new long[] {Long.parseLong(m.group(1)), Long.parseLong(m.group(2)) + Long.parseLong(m.group(3))});
            }
        }
        return sums;
    }

    /** The last progress line's counts are the summary's (at these JSON pointers), and every node was live. */
    private static void finalCountsAre(String out, String command, long nodes, JsonNode summary, String maxLive, String handshakes,
                                       String failed, String missing) {
        String done = doneLine(out, command);
        assertThat(figure(done, "([\\d,]+)/[\\d,]+ nodes were live at most")).isEqualTo(summary.at(maxLive).asLong()).isEqualTo(nodes);
        assertThat(figure(done, "handshakes ([\\d,]+),")).isEqualTo(summary.at(handshakes).asLong());
        assertThat(figure(done, "([\\d,]+) failed")).isEqualTo(summary.at(failed).asLong());
        assertThat(figure(done, "missing replies ([\\d,]+)")).isEqualTo(summary.at(missing).asLong());
    }

    private static long figure(String line, String regex) {
        Matcher m = Pattern.compile(regex).matcher(line);
        assertThat(m.find()).as("%s in %s", regex, line).isTrue();
        return Long.parseLong(m.group(1).replace(",", ""));
    }

    private static String doneLine(String out, String command) {
        return out.lines().filter(l -> l.matches(command + ": \\d+:\\d\\d done \\|.*")).reduce((a, b) -> b)
                .orElseThrow(() -> new AssertionError("no final progress line in:\n" + out));
    }

    private Path onlyRun(Path results) throws IOException {
        try (Stream<Path> runs = Files.list(results.resolve("runs"))) {
            List<Path> all = runs.filter(p -> !p.getFileName().toString().startsWith(".")).toList();
            assertThat(all).hasSize(1);
            return all.get(0);
        }
    }

    private static List<String> timeline(Path run) throws IOException {
        List<String> out = new ArrayList<>();
        JSON.readTree(run.resolve("run.json").toFile()).path("timeline").forEach(m -> {
            String text = m.path("text").asText().replaceFirst(" \\(merging \\d+ records\\)$", "");
            if (out.isEmpty() || !out.get(out.size() - 1).equals(text)) {
                out.add(text);
            }
        });
        return out;
    }

    @Test
    void loadIntoAFilePrintsAFewLinesWithThePhasesInOrderAndEndsWithTheSummarysCounts() throws Exception {
        Path results = tmp.resolve("results");
        Run r = frontDoor(args("load", "--nodes", "20", "--results-dir", results.toString()));
        assertThat(r.code()).as(r.out() + r.err()).isZero();
        assertThat(phases(r.out(), "load")).containsExactlyElementsOf(LOAD_PHASES);
        assertThat(r.out()).doesNotContain("\u001b[").doesNotContain("---- Requests"); // no rewriting, no Gatling tables
        assertThat(r.out().lines().count()).isLessThan(40);

        Path run = onlyRun(results);
        finalCountsAre(r.out(), "load", 20, JSON.readTree(run.resolve("load-summary.json").toFile()),
                "/fleet/max_live", "/connect/handshakes_ok", "/connect/handshakes_failed", "/discovery/missing_replies");
        // Gatling's console is kept in the run folder; the phases with their times are in run.json
        assertThat(Files.readString(run.resolve(InjectorOutput.LOG))).contains("---- Requests", "Simulation dev.mconats.simulations.SingleServerScaling");
        assertThat(run.resolve(ProgressFile.NAME)).isNotEmptyFile();
        assertThat(timeline(run)).containsExactlyElementsOf(LOAD_PHASES);
    }

    @Test
    void fleetIntoAFileAddsItsShardsUpAndWithVerboseShowsTheirConsoleToo() throws Exception {
        Path results = tmp.resolve("results");
        List<String> a = args("fleet", "--injectors", "2", "--nodes", "24", "--results-dir", results.toString());
        a.add("--verbose");
        Run r = frontDoor(a);
        assertThat(r.code()).as(r.out() + r.err()).isZero();
        assertThat(phases(r.out(), "fleet")).containsExactlyElementsOf(LOAD_PHASES);
        // the fleet's line adds its shards up (in whichever phase both shards had reported: a fast ramp can be over
        // before the first line that hears from both)
        assertThat(shardSums(r.out())).as(r.out()).isNotEmpty().allSatisfy(sum -> assertThat(sum[0]).isEqualTo(sum[1]));
        assertThat(r.out()).contains("[shard 0] ---- Requests", "[shard 1] ---- Requests");

        Path run = onlyRun(results);
        finalCountsAre(r.out(), "fleet", 24, JSON.readTree(run.resolve("fleet-summary.json").toFile()),
                "/fleet/nodes_live_max", "/fleet/handshakes_ok", "/fleet/handshakes_failed", "/broadcast_replies/missing");
        assertThat(timeline(run)).containsExactlyElementsOf(LOAD_PHASES);
    }

    @Test
    void aStormShowsItsFaultRecoveryAndRecoveredPhasesInOrder() throws Exception {
        Path results = tmp.resolve("results");
        List<String> a = args("load", "--simulation", "ReconnectStorm", "--nodes", "20", "--down-for", "1", "--results-dir",
                results.toString());
        Run r = frontDoor(a);
        assertThat(r.code()).as(r.out() + r.err()).isZero();
        List<String> phases = List.of("starting servers", "starting injector", "connecting", "warm-up round 1 of 1", "round 1 of 2",
                "round 2 of 2", "fault injected (node2)", "recovering (node2)", "recovered (node2)", "finishing", "report", "done");
        assertThat(phases(r.out(), "load")).containsExactlyElementsOf(phases);
        assertThat(timeline(onlyRun(results))).containsExactlyElementsOf(phases);
        // once a recovery was measured, the time left is estimated again
        assertThat(r.out()).containsPattern("load: \\d+:\\d\\d recovered \\(node2\\) \\|.* \\| ~\\d+:\\d\\d left");
    }

    @Test
    void onATerminalTheLinesAreRewrittenInPlace() throws Exception {
        Path script = Path.of("/usr/bin/script");
        assumeTrue(Files.isExecutable(script), "util-linux script(1) gives the front door a pseudo-terminal");
        Path results = tmp.resolve("results");
        List<String> cmd = new ArrayList<>(List.of(java(), "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(args("load", "--nodes", "20", "--results-dir", results.toString()));
        cmd.removeAll(List.of("--progress-interval", "2"));
        Run r = run(List.of(script.toString(), "-qfec", String.join(" ", cmd.stream().map(ProgressIT::quote).toList()), "/dev/null"));
        assertThat(r.code()).as(r.out() + r.err()).isZero();
        String out = r.out();
        int frames = count(out, "\u001b[?7l"); // each draw of the live lines
        int lines = count(out, "\n");
        assertThat(out).contains("\r\u001b[J"); // back to the start of the live line, erased, drawn again
        assertThat(frames).as("updates").isGreaterThan(8);
        assertThat(lines).as("lines printed for good").isLessThan(frames).isLessThan(8);
        String last = out.substring(out.lastIndexOf("\u001b[?7l") + 5);
        assertThat(last).matches("(?s)load: \\d+:\\d\\d done \\| 20/20 nodes were live at most \\| handshakes \\d+, 0 failed \\| missing replies 0"
                + "\u001b\\[\\?7h\r?\n.*load: all claims held.*");
        assertThat(phases(out.replaceAll("\u001b\\[[?0-9;]*[a-zA-Z]|\r", "\n"), "load")).containsExactlyElementsOf(LOAD_PHASES);
    }

    private static int count(String s, String part) {
        int n = 0;
        for (int i = s.indexOf(part); i >= 0; i = s.indexOf(part, i + part.length())) {
            n++;
        }
        return n;
    }

    private static String quote(String arg) {
        return "'" + arg.replace("'", "'\\''") + "'";
    }

    @Test
    void anInjectorsOneLineErrorReachesStandardErrorUnchanged() throws Exception {
        Path results = tmp.resolve("results");
        Run r = frontDoor(List.of("load", "--local-server", "ec-p256", "--nodes", "5", "--param", "shard=3",
                "--results-dir", results.toString()));
        assertThat(r.code()).isEqualTo(2);
        List<String> errors = r.err().lines().filter(l -> l.startsWith("error: ")).toList();
        assertThat(errors).hasSize(1);
        assertThat(errors.get(0)).isEqualTo("error: mconats.load.shard: 3 is not below shards 1");
        assertThat(results.resolve("runs")).satisfiesAnyOf(p -> assertThat(p).doesNotExist(), p -> assertThat(p).isEmptyDirectory());
    }
}
