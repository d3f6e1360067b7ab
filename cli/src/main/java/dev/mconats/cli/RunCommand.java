package dev.mconats.cli;

import dev.mconats.cli.progress.Steps;
import dev.mconats.cluster.EmbeddedDefault;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The main job on the embedded default: bring up the local deployments, run the conformance suite against both, a
 * short load through the single node and through the 3-node cluster, and build the capacity report. Each step is the
 * same command a user would type, so the main job proves the front door end to end; steps are numbered and each
 * prints about a screen (the live progress view for the loads), the full output is in the run folders.
 */
@Command(name = "run", description = "The main job: local deployments up, conformance, short load (1 node and 3-node cluster), capacity report.")
public final class RunCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    LocalCommand.StateOption state = new LocalCommand.StateOption();
    @Mixin
    LauncherOptions launcher = new LauncherOptions();
    @Option(names = "--results-dir", defaultValue = "results", description = "Results folder. Default: ${DEFAULT-VALUE}")
    Path resultsDir;
    @Option(names = "--keep-up", description = "Leave the local deployments running afterwards")
    boolean keepUp;
    @Option(names = "--skip-load", description = "Conformance and report only")
    boolean skipLoad;
    @Option(names = "--cluster-nodes", defaultValue = "1000", description = "Simulated nodes for the 3-node cluster load. Default: ${DEFAULT-VALUE}")
    int clusterNodes;
    @Mixin
    ProgressOptions progress = new ProgressOptions();
    private Steps stepHeaders;

    record Step(String name, int exitCode, long millis) {
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        EmbeddedDefault embedded = state.embedded();
        String stateDir = embedded.stateDir().toString();
        String reports = resultsDir.toString();
        List<Step> steps = new ArrayList<>();
        boolean wasUp = embedded.status().upOrDown();
        progress.mode(); // a bad --progress fails before anything starts
        stepHeaders = new Steps(out, (wasUp ? 0 : keepUp ? 1 : 2) + 2 + (skipLoad ? 0 : 2) + 1);
        if (!wasUp) {
            List<String> up = new ArrayList<>(List.of("local", "up", "--state-dir", stateDir, "--launcher", launcher.launcher));
            if (launcher.natsServerBin != null) {
                up.addAll(List.of("--nats-server-bin", launcher.natsServerBin.toString()));
            }
            if (launcher.image != null) {
                up.addAll(List.of("--image", launcher.image));
            }
            Step s = step(out, "local up", up);
            steps.add(s);
            if (s.exitCode() != 0) {
                return summary(out, steps);
            }
        }
        try {
            // one step per deployment, so each step's output fits on a screen; the full results are in the run folders
            steps.add(step(out, "conformance: 1 node", List.of("conformance", "--target", embedded.singleTarget().toString(),
                    "--results-dir", reports)));
            steps.add(step(out, "conformance: 3-node cluster", List.of("conformance", "--target", embedded.clusterTarget().toString(),
                    "--results-dir", reports)));
            if (!skipLoad) {
                steps.add(step(out, "load: 1 node", withProgress(List.of("load", "--preset", "smoke", "--state-dir", stateDir,
                        "--results-dir", reports))));
                steps.add(step(out, "load: 3-node cluster", withProgress(List.of("load", "--simulation", "ClusterScaling", "--preset",
                        "smoke", "--nodes", String.valueOf(clusterNodes), "--state-dir", stateDir, "--results-dir", reports))));
            }
            steps.add(step(out, "report", List.of("report", "--results-dir", reports)));
        } finally {
            if (!wasUp && !keepUp) {
                steps.add(step(out, "local down", List.of("local", "down", "--state-dir", stateDir)));
            }
        }
        return summary(out, steps);
    }

    private List<String> withProgress(List<String> args) {
        List<String> a = new ArrayList<>(args);
        a.addAll(progress.args());
        return a;
    }

    private Step step(PrintWriter out, String name, List<String> args) {
        stepHeaders.begin(name, "mco-nats " + String.join(" ", args));
        long start = System.nanoTime();
        int rc = Main.run(args.toArray(String[]::new));
        return new Step(name, rc, (System.nanoTime() - start) / 1_000_000);
    }

    /** 0 when every step passed; 2 when a step could not run; else 1 (a check or claim FAILED). */
    private int summary(PrintWriter out, List<Step> steps) {
        out.println();
        out.println("== main job summary");
        int worst = 0;
        for (Step s : steps) {
            String verdict = switch (s.exitCode()) {
                case 0 -> "ok";
                case 1 -> "FAILED (see its report)";
                default -> "ERROR";
            };
            out.printf("  %-28s %-24s %6.1f s%n", s.name(), verdict, s.millis() / 1000.0);
            worst = s.exitCode() >= 2 ? 2 : Math.max(worst, s.exitCode());
        }
        out.println("reports: " + resultsDir.toAbsolutePath().normalize().resolve("index.html"));
        return worst;
    }
}
