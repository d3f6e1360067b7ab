package dev.mconats.upgrade;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.mconats.cli.progress.Steps;
import dev.mconats.cluster.LocalCluster;
import dev.mconats.cluster.LocalDeployment;
import dev.mconats.cluster.LoopbackBlock;
import dev.mconats.pki.FixturePki;
import dev.mconats.pki.KeyType;
import dev.mconats.reports.RunFolder;
import dev.mconats.reports.capacity.CapacityBudget;
import dev.mconats.reports.compare.Comparison;
import dev.mconats.reports.compare.RunMetrics;
import dev.mconats.reports.compare.Verdict;
import dev.mconats.reports.progress.Timeline;
import dev.mconats.reports.run.RunAnalysis;
import dev.mconats.reports.run.RunInfo;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The upgrade rehearsal: the same 3-node deployment (same addresses, PKI, configs) brought up twice, once per side,
 * with the conformance suite and a short cluster load against each; then the verdict — conformance differences
 * first, performance deltas second — into a run folder of its own and the report's comparison view.
 */
public final class Rehearsal {
    /**
     * Simulated nodes in each side's load unless told otherwise: ~1,700 per server of the 3-node cluster, where the
     * memory cost per connection is measured to about ±5 % (±35 % with 80 per server: the uncertainty then swamps a
     * difference between A and B); one injector holds up to ~19,000. Figures: BENCHMARKS.md, "Reports".
     */
    public static final int DEFAULT_NODES = 5000;

    /** Runs one front-door command (the CLI's own commands, so the rehearsal runs exactly what a user would). */
    public interface Commands extends Function<List<String>, Integer> {
    }

    public record Outcome(Path folder, ConformanceDiff conformance, Optional<Comparison> performance,
                          Optional<RollingUpgrade.Result> rolling, String verdict, int exitCode) {
    }

    private final Path workDir;
    private final Path resultsDir;
    private final int nodes;
    private final KeyType keyType;
    private final Commands commands;
    private final PrintWriter out;
    private boolean rolling;
    private List<String> loadOptions = List.of();
    private Steps steps;

    public Rehearsal(Path workDir, Path resultsDir, int nodes, KeyType keyType, Commands commands, PrintWriter out) {
        this.workDir = workDir.toAbsolutePath();
        this.resultsDir = resultsDir.toAbsolutePath();
        this.nodes = nodes;
        this.keyType = keyType;
        this.commands = commands;
        this.out = out;
    }

    /** Also rehearse the upgrade itself: a rolling upgrade A→B under load, next to a rolling restart A→A. */
    public Rehearsal rolling(boolean on) {
        this.rolling = on;
        return this;
    }

    /** Options added to every {@code load} of the rehearsal (e.g. how it shows its progress). */
    public Rehearsal loadOptions(List<String> options) {
        this.loadOptions = List.copyOf(options);
        return this;
    }

    record SideRuns(Side side, String natsVersion, Path conformance, Optional<Path> load, int conformanceExit, int loadExit) {
    }

    public Outcome run(Side a, Side b) {
        String prefix = LoopbackBlock.free();
        FixturePki.Builder pb = FixturePki.builder(workDir.resolve("ssl")).keyType(keyType).force(true);
        for (int i = 1; i <= 3; i++) {
            pb.server("nats" + i + ".example.net", prefix + (10 + i));
        }
        FixturePki pki = pb.generate();
        steps = new Steps(out, 2 + (rolling ? 2 : 0) + 1);
        SideRuns ra = side("A", a, prefix, pki);
        SideRuns rb = side("B", b, prefix, pki);

        ConformanceDiff diff = ConformanceDiff.of(ra.conformance().resolve("conformance/results.json"),
                rb.conformance().resolve("conformance/results.json"));
        Optional<Comparison> perf = Optional.empty();
        if (ra.load().isPresent() && rb.load().isPresent()) {
            perf = Optional.of(Comparison.of(ra.load().get().getFileName().toString(), metrics(ra.load().get()),
                    rb.load().get().getFileName().toString(), metrics(rb.load().get())));
        }
        Optional<RollingUpgrade.Result> roll = !rolling ? Optional.empty()
                : Optional.of(new RollingUpgrade(workDir, resultsDir, Math.max(nodes, 1), commands, steps, loadOptions, this::runs,
                        this::newRun).run(a, b, prefix, pki));
        String verdict = verdict(diff, perf, ra, rb);
        if (roll.isPresent() && !verdict.startsWith("NOT SAFE") && !roll.get().verdict().startsWith("OK")) {
            verdict = roll.get().verdict();
        }
        int exit = diff.regressions().isEmpty() && rb.loadExit() <= ra.loadExit()
                && roll.map(r -> !r.regression()).orElse(true) ? 0 : 1;
        steps.begin("report", "verdict, rehearsal page and comparison");
        Path folder = write(ra, rb, diff, perf, roll, verdict);
        if (ra.load().isPresent() && rb.load().isPresent()) {
            commands.apply(List.of("report", "--results-dir", resultsDir.toString(), "--compare",
                    ra.load().get().getFileName().toString(), rb.load().get().getFileName().toString()));
        } else {
            commands.apply(List.of("report", "--results-dir", resultsDir.toString()));
        }
        return new Outcome(folder, diff, perf, roll, verdict, exit);
    }

    private SideRuns side(String name, Side side, String prefix, FixturePki pki) {
        steps.begin("side " + name, side.describe());
        try (LocalDeployment d = deployment(workDir.resolve(name), side, prefix, pki)) {
            String version = version(d.cluster().node(1));
            out.println("   nats-server " + version + " on " + prefix + "11-13");
            out.flush();
            List<Path> before = runs();
            int ce = commands.apply(List.of("conformance", "--target", d.targetFile().toString(), "--results-dir", resultsDir.toString()));
            Path conf = newRun(before, "conformance").orElseThrow(() -> new IllegalStateException(
                    "side " + name + ": the conformance run left no results (exit " + ce + ")"));
            before = runs();
            List<String> loadArgs = new ArrayList<>(List.of("load", "--simulation", "ClusterScaling", "--target", d.targetFile().toString(),
                    "--nodes", String.valueOf(nodes), "--results-dir", resultsDir.toString()));
            loadArgs.addAll(loadOptions);
            int le = nodes <= 0 ? 0 : commands.apply(loadArgs);
            Optional<Path> load = nodes <= 0 ? Optional.empty() : newRun(before, "load");
            return new SideRuns(side, version, conf, load, ce, le);
        }
    }

    /** The rehearsal's 3-node deployment of one side: same addresses and PKI on every side, the side's servers and config. */
    static LocalDeployment deployment(Path dir, Side side, String prefix, FixturePki pki) {
        LocalDeployment.Builder b = LocalDeployment.builder(dir).size(3).addressPrefix(prefix).pki(pki).launcher(side.launcher());
        for (int i = 1; i <= 3; i++) {
            for (String line : side.extraConfig()) {
                b.override(i, c -> c.withExtra(line));
            }
        }
        return b.start();
    }

    static String version(LocalCluster.Node n) {
        try {
            var r = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create(n.config().monitorUrl() + "/varz")).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            var m = java.util.regex.Pattern.compile("\"version\"\\s*:\\s*\"([^\"]+)\"").matcher(r.body());
            return m.find() ? m.group(1) : "unknown";
        } catch (IOException e) {
            return "unknown";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }

    private static RunMetrics metrics(Path run) {
        RunAnalysis a = RunAnalysis.of(RunInfo.read(run), CapacityBudget.DEFAULT);
        return RunMetrics.of(a.series(), a.capacity());
    }

    static String verdict(ConformanceDiff diff, Optional<Comparison> perf, SideRuns a, SideRuns b) {
        if (!diff.regressions().isEmpty()) {
            return "NOT SAFE: B fails " + diff.regressions().size() + " conformance result(s) that A passes";
        }
        if (b.loadExit() > a.loadExit()) {
            return "CAUTION: B's load claims failed where A's held";
        }
        long worse = perf.map(p -> p.count(Verdict.WORSE)).orElse(0L);
        long better = perf.map(p -> p.count(Verdict.BETTER)).orElse(0L);
        if (worse > 0) {
            return "CAUTION: conformance unchanged" + (diff.fixes().isEmpty() ? "" : " (B fixes " + diff.fixes().size() + ")")
                    + ", but B is worse on " + worse + " performance metric(s)";
        }
        return "OK: no conformance regressions" + (diff.fixes().isEmpty() ? "" : " (B fixes " + diff.fixes().size() + ")")
                + (perf.isPresent() ? ", performance same or better (" + better + " better)" : "");
    }

    private Path write(SideRuns a, SideRuns b, ConformanceDiff diff, Optional<Comparison> perf,
                       Optional<RollingUpgrade.Result> roll, String verdict) {
        try (RunFolder f = RunFolder.open(resultsDir, "rehearsal")) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("verdict", verdict);
            json.put("A", sideJson(a));
            json.put("B", sideJson(b));
            List<Map<String, String>> changes = new ArrayList<>();
            for (ConformanceDiff.Change c : diff.changes()) {
                changes.add(Map.of("check", c.checkId(), "node", c.node(), "A", c.statusA(), "B", c.statusB(), "messageB", c.messageB()));
            }
            json.put("conformanceChanges", changes);
            perf.ifPresent(p -> {
                List<Map<String, Object>> rows = new ArrayList<>();
                for (Comparison.Row r : p.rows()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("metric", r.metric().label());
                    row.put("unit", r.metric().unit());
                    row.put("A", r.a() == null ? null : r.a().value());
                    row.put("B", r.b() == null ? null : r.b().value());
                    row.put("deltaPercent", Double.isNaN(r.deltaPercent()) ? null : r.deltaPercent());
                    row.put("verdict", r.verdict().label());
                    rows.add(row);
                }
                json.put("performance", rows);
                json.put("performanceCaveats", p.caveats());
            });
            roll.ifPresent(r -> json.put("rollingUpgrade", RollingUpgrade.FILE));
            ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
            mapper.writeValue(f.resolve("rehearsal.json").toFile(), json);
            if (roll.isPresent()) {
                mapper.writeValue(f.resolve(RollingUpgrade.FILE).toFile(), RollingUpgrade.json(roll.get()));
            }
            Files.writeString(f.resolve("rehearsal.html"), RehearsalPage.render(verdict, a, b, diff, perf, roll, resultsDir));
            f.put(Timeline.KEY, steps.timeline().toJson());
            f.put("target", "upgrade rehearsal: A vs B").put("verdict", verdict)
                    .put("config", Map.of("A", a.side().describe(), "B", b.side().describe()));
            return f.commit();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the rehearsal report: " + e.getMessage(), e);
        }
    }

    private static Map<String, Object> sideJson(SideRuns s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("servers", s.side().describe());
        m.put("natsVersion", s.natsVersion());
        m.put("conformanceRun", s.conformance().getFileName().toString());
        m.put("conformanceExit", s.conformanceExit());
        m.put("loadRun", s.load().map(p -> p.getFileName().toString()).orElse(null));
        m.put("loadExit", s.loadExit());
        return m;
    }

    List<Path> runs() {
        Path dir = resultsDir.resolve("runs");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> !p.getFileName().toString().startsWith(".")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Optional<Path> newRun(List<Path> before, String kind) {
        return runs().stream().filter(p -> !before.contains(p)).filter(p -> p.getFileName().toString().contains("-" + kind)).findFirst();
    }
}
