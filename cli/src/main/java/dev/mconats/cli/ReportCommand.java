package dev.mconats.cli;

import dev.mconats.reports.ReportBuilder;
import dev.mconats.reports.ReportException;
import dev.mconats.reports.ReportOptions;
import dev.mconats.reports.capacity.CapacityBudget;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code report}: build results/index.html from every run folder, optionally comparing two runs side by side. */
@Command(name = "report", description = {
        "Build the capacity report (results/index.html) from every run under results/runs/: per run the target, NATS "
                + "version, conformance summary, Gatling link, server plots and a capacity estimate; comparisons of runs.",
        "Opens offline: the chart library is copied to results/assets/."})
public final class ReportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Option(names = "--results-dir", defaultValue = "results", description = "Results folder (holds runs/). Default: ${DEFAULT-VALUE}")
    Path resultsDir;
    @Option(names = "--compare", arity = "2", paramLabel = "RUN", description = "Compare two runs side by side: baseline RUN_A, then RUN_B")
    List<String> compare = List.of();
    @Option(names = "--memory-gb", defaultValue = "8", description = "Server RSS budget for the capacity estimate, GiB. Default: ${DEFAULT-VALUE}")
    double memoryGb;
    @Option(names = "--cpu-percent", defaultValue = "100", description = "Server CPU budget, percent of one core (400 = four cores). Default: ${DEFAULT-VALUE}")
    double cpuPercent;
    @Option(names = "--discovery-every", defaultValue = "10", paramLabel = "SECONDS",
            description = "Fleet-wide discovery interval the CPU estimate assumes, seconds. Default: ${DEFAULT-VALUE}")
    double discoveryEvery;

    @Override
    public Integer call() {
        if (!Files.isDirectory(resultsDir)) {
            throw new UserError("--results-dir: no such folder: " + resultsDir.toAbsolutePath().normalize());
        }
        if (!(memoryGb > 0) || !(cpuPercent > 0) || !(discoveryEvery > 0)) {
            throw new UserError("--memory-gb, --cpu-percent and --discovery-every must be positive");
        }
        ReportOptions options = ReportOptions.defaults().withBudget(
                new CapacityBudget((long) (memoryGb * (1L << 30)), cpuPercent, 1 / discoveryEvery));
        if (!compare.isEmpty()) {
            options = options.comparing(compare.get(0), compare.get(1));
        }
        try {
            Path index = ReportBuilder.build(resultsDir, options);
            spec.commandLine().getOut().println("report: " + index);
            return 0;
        } catch (ReportException e) {
            throw new UserError(e.getMessage());
        }
    }
}
