package dev.mconats.cli;

import dev.mconats.cluster.EmbeddedDefault;
import dev.mconats.conformance.Check;
import dev.mconats.conformance.ConformanceSuite;
import dev.mconats.conformance.Settings;
import dev.mconats.conformance.SuiteResult;
import dev.mconats.conformance.report.ConsoleTable;
import dev.mconats.conformance.report.ReportFiles;
import dev.mconats.pki.KeyType;
import dev.mconats.reports.RunFolder;
import dev.mconats.targetmodel.Target;
import dev.mconats.targetmodel.TargetFile;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code conformance}: runs the conformance checks against a target file, or against both embedded local deployments
 * (starting them for the run if they are not up, and stopping them again). Each target gets its own run folder with
 * results.json, junit.xml and report.html. Exit code 0 when nothing FAILs (with {@code --strict}: nothing FAILs, is
 * SKIPPED or WARNs), 1 otherwise, 2 when the target cannot be tested at all.
 */
@Command(name = "conformance", sortOptions = false,
        description = {"Run the conformance checks (TLS, SRV, route mesh, monitor limits) and write JSON, JUnit XML and HTML reports.",
                "Without --target: both embedded local deployments (started for the run if they are not up).",
                "Exit code: 0 nothing FAILed (--strict: nothing FAILed, SKIPPED or WARNed), 1 otherwise, 2 the target could not be tested."})
public final class ConformanceCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--target", paramLabel = "FILE", description = "Target file (HOCON) describing the cluster under test.")
    Path target;

    @Option(names = "--only", paramLabel = "ID", split = ",",
            description = "Run only checks with this ID or ID prefix, e.g. tls, srv/records-present (repeatable, comma-separated).")
    List<String> only = List.of();

    @Option(names = "--results-dir", paramLabel = "DIR", defaultValue = "results",
            description = "Where run folders go (DIR/runs/<id>/conformance/). Default: ${DEFAULT-VALUE}")
    Path resultsDir;

    @Option(names = "--state-dir", paramLabel = "DIR", description = "State folder of the embedded deployments. Default: $MCO_NATS_HOME or ./.local")
    Path stateDir;

    @Option(names = "--strict", description = "Fail the run (exit 1) on any SKIP or WARN too, for CI gates that must not go green without looking.")
    boolean strict;

    @Option(names = "--list", description = "List the checks (ID, requirement, source) and exit.")
    boolean list;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        ConformanceSuite suite = ConformanceSuite.standard().only(only);
        if (list) {
            for (Check c : suite.checks()) {
                out.println(c.id() + "\n    " + c.requirement() + "\n    source: " + c.source());
            }
            return 0;
        }
        if (target != null) {
            return run(suite, TargetFile.load(target), out);
        }
        return embedded(suite, out);
    }

    private int embedded(ConformanceSuite suite, PrintWriter out) {
        EmbeddedDefault embedded = new EmbeddedDefault(StateDir.resolve(stateDir));
        boolean up = embedded.status().upOrDown(); // processes or containers; partly up is refused naming what does not run
        AtomicBoolean stopped = new AtomicBoolean(up);
        Thread stopOnExit = new Thread(() -> {
            if (stopped.compareAndSet(false, true)) {
                embedded.down();
            }
        }, "conformance-stop-local");
        if (!up) {
            Prerequisites.ensure(out);
            out.println("starting the local deployments for this run (state in " + embedded.stateDir() + ") ...");
            out.flush();
            Runtime.getRuntime().addShutdownHook(stopOnExit); // Ctrl-C must not leave servers behind
            embedded.up(KeyType.RSA_4096, false);
        }
        try {
            int single = run(suite, TargetFile.load(embedded.singleTarget()), out);
            int cluster = run(suite, TargetFile.load(embedded.clusterTarget()), out);
            return Math.max(single, cluster);
        } finally {
            if (stopped.compareAndSet(false, true)) {
                embedded.down().removed().forEach(out::println);
                Runtime.getRuntime().removeShutdownHook(stopOnExit);
            }
        }
    }

    private int run(ConformanceSuite suite, Target t, PrintWriter out) {
        out.println("running " + suite.checks().size() + " check(s) against " + t.name() + " ...");
        out.flush();
        // The run folder is opened only once every check has finished: an unreachable target leaves no report behind.
        SuiteResult r = suite.run(t, Settings.defaults().withStrict(strict));
        Path dir;
        try (RunFolder folder = RunFolder.open(resultsDir, "conformance")) {
            ReportFiles.write(r, folder.resolve("conformance"));
            Map<String, Long> counts = new LinkedHashMap<>();
            r.counts().forEach((s, n) -> counts.put(s.name(), n));
            folder.put("target", r.target()).put("targetFile", r.targetFile()).put("status", r.status().name())
                    .put("headline", r.headline()).put("strict", r.strict())
                    .put("counts", counts).put("durationMs", r.duration().toMillis())
                    .put("checks", suite.checks().stream().map(Check::id).toList());
            dir = folder.commit();
        }
        out.print(ConsoleTable.render(r));
        out.println("report: " + dir.resolve("conformance").resolve(ReportFiles.HTML));
        out.flush();
        return r.exitCode();
    }
}
