package dev.mconats.upgrade;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mconats.cli.progress.Steps;
import dev.mconats.cluster.LocalCluster;
import dev.mconats.cluster.LocalDeployment;
import dev.mconats.cluster.ProcessLauncher;
import dev.mconats.cluster.ServerLauncher;
import dev.mconats.containers.ContainerLauncher;
import dev.mconats.containers.LocalMembers;
import dev.mconats.pki.FixturePki;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * The upgrade itself, rehearsed under load: on a fresh 3-node deployment of version A with a live fleet, every member
 * in turn is stopped and replaced by version B (binary or image, with B's config lines), so the mixed-version window
 * carries traffic; as the baseline, the same rolling restart with A in place of B (A→A) on another fresh deployment of
 * A, measured in the same rehearsal. Both are the RollingRestart simulation run through the front door; their step
 * objects (outage, recovery time, lost replies, route mesh, per member) go side by side into rolling-upgrade.json and
 * the verdict page.
 */
public final class RollingUpgrade {
    /** One rolling run: its label ("A→A" or "A→B"), load run folder, the storm object, exit code, what ran afterwards. */
    public record Run(String label, Optional<Path> loadRun, JsonNode storm, int exitCode, List<String> membersAfter) {
        boolean passed() {
            return "PASS".equals(storm.path("verdict").asText());
        }

        Map<String, Object> json() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("label", label);
            m.put("loadRun", loadRun.map(p -> p.getFileName().toString()).orElse(null));
            m.put("exitCode", exitCode);
            m.put("membersAfter", membersAfter);
            m.put("storm", storm);
            return m;
        }
    }

    /** Baseline (A→A) and upgrade (A→B), with the verdict of the comparison. */
    public record Result(Run baseline, Run upgrade, String verdict, boolean regression) {
    }

    static final String FILE = "rolling-upgrade.json";
    // Rounds after each step: enough to prove "nothing lost" without making each step last a minute.
    private static final List<String> PACE = List.of("--rounds", "2", "--param", "round-interval=2", "--param", "discovery-timeout=10");

    private final Path workDir;
    private final Path resultsDir;
    private final int nodes;
    private final Rehearsal.Commands commands;
    private final Steps steps;
    private final List<String> loadOptions;
    private final Supplier<List<Path>> runs;
    private final BiFunction<List<Path>, String, Optional<Path>> newRun;

    /** @param loadOptions added to each rolling run's {@code load} (e.g. how it shows its progress) */
    RollingUpgrade(Path workDir, Path resultsDir, int nodes, Rehearsal.Commands commands, Steps steps, List<String> loadOptions,
                   Supplier<List<Path>> runs, BiFunction<List<Path>, String, Optional<Path>> newRun) {
        this.workDir = workDir;
        this.resultsDir = resultsDir;
        this.nodes = nodes;
        this.commands = commands;
        this.steps = steps;
        this.loadOptions = List.copyOf(loadOptions);
        this.runs = runs;
        this.newRun = newRun;
    }

    Result run(Side a, Side b, String prefix, FixturePki pki) {
        Run baseline = rolling("A→A", a, a, List.of(), prefix, pki);
        Run upgrade = rolling("A→B", a, b, b.extraConfig(), prefix, pki);
        return judge(baseline, upgrade);
    }

    private Run rolling(String label, Side from, Side to, List<String> extraConfig, String prefix, FixturePki pki) {
        steps.begin("rolling " + label, "each member of " + from.describe() + " replaced by " + to.describe() + " under "
                + nodes + " nodes");
        try (LocalDeployment d = Rehearsal.deployment(workDir.resolve("rolling-" + (label.endsWith("A") ? "AA" : "AB")), from, prefix, pki)) {
            List<String> args = new ArrayList<>(List.of("load", "--simulation", "RollingRestart", "--target", d.targetFile().toString(),
                    "--nodes", String.valueOf(nodes), "--results-dir", resultsDir.toString(), "--param", "replace-with=" + candidate(to.launcher())));
            if (!extraConfig.isEmpty()) {
                Path lines = writeLines(extraConfig, label);
                args.addAll(List.of("--param", "replace-config=" + lines));
            }
            args.addAll(PACE);
            args.addAll(loadOptions);
            List<Path> before = runs.get();
            int code = commands.apply(args);
            Optional<Path> run = newRun.apply(before, "load");
            JsonNode storm = run.map(RollingUpgrade::storm).orElseGet(() -> new ObjectMapper().createObjectNode()
                    .put("verdict", "FAIL").put("reason", "the load run did not start (exit " + code + ")"));
            List<String> after = new ArrayList<>();
            for (LocalCluster.Node n : d.cluster().nodes()) {
                after.add(n.dir().getFileName() + ": " + LocalMembers.of(n.dir()).describe() + ", nats-server " + Rehearsal.version(n));
            }
            return new Run(label, run, storm, code, after);
        }
    }

    /** What replaces a member: the binary for processes, the image for containers. */
    static String candidate(ServerLauncher l) {
        if (l instanceof ProcessLauncher p) {
            return p.binary().toAbsolutePath().toString();
        }
        if (l instanceof ContainerLauncher c) {
            return c.image();
        }
        throw new IllegalArgumentException("a rolling upgrade needs the process or containers launcher, not " + l.describe());
    }

    private Path writeLines(List<String> lines, String label) {
        try {
            Files.createDirectories(workDir);
            return Files.writeString(workDir.resolve("rolling-" + (label.endsWith("A") ? "AA" : "AB") + "-config.conf"),
                    String.join("\n", lines) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode storm(Path run) {
        try {
            return new ObjectMapper().readTree(run.resolve("load-summary.json").toFile()).path("storm");
        } catch (IOException e) {
            return new ObjectMapper().createObjectNode().put("verdict", "FAIL").put("reason", "no load-summary.json in " + run);
        }
    }

    /**
     * NOT SAFE when the upgrade fails where the baseline passes; CAUTION when both fail (the cluster does not survive
     * its own restart) or when the upgrade's steps took clearly longer or lost more replies than the baseline's.
     */
    static Result judge(Run baseline, Run upgrade) {
        if (!upgrade.passed() && baseline.passed()) {
            return new Result(baseline, upgrade, "NOT SAFE: the rolling upgrade failed where the rolling restart passed: "
                    + upgrade.storm().path("reason").asText(), true);
        }
        if (!upgrade.passed()) {
            return new Result(baseline, upgrade, "CAUTION: the rolling restart fails on A too (baseline): "
                    + baseline.storm().path("reason").asText(), false);
        }
        long lostA = sum(baseline.storm(), "lost_replies");
        long lostB = sum(upgrade.storm(), "lost_replies");
        long slowA = max(baseline.storm(), "all_reconnected_ms") + max(baseline.storm(), "mesh_whole_ms");
        long slowB = max(upgrade.storm(), "all_reconnected_ms") + max(upgrade.storm(), "mesh_whole_ms");
        List<String> worse = new ArrayList<>();
        if (slowB > 2 * slowA + 2000) {
            worse.add("its slowest step took " + slowB + " ms to reconnect the fleet and the mesh against " + slowA + " ms");
        }
        if (lostB > 2 * lostA + 10) {
            worse.add("it lost " + lostB + " replies during its steps against " + lostA);
        }
        if (!worse.isEmpty()) {
            return new Result(baseline, upgrade, "CAUTION: the rolling upgrade passed, but " + String.join(" and ", worse), false);
        }
        return new Result(baseline, upgrade, "OK: the rolling upgrade passed every step like the rolling restart (A→A)", false);
    }

    private static long sum(JsonNode storm, String field) {
        long s = 0;
        for (JsonNode step : storm.path("steps")) {
            s += step.path(field).asLong(0);
        }
        return s;
    }

    private static long max(JsonNode storm, String field) {
        long m = 0;
        for (JsonNode step : storm.path("steps")) {
            m = Math.max(m, step.path(field).asLong(0));
        }
        return m;
    }

    static Map<String, Object> json(Result r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("verdict", r.verdict());
        m.put("baseline", r.baseline().json());
        m.put("upgrade", r.upgrade().json());
        return m;
    }
}
