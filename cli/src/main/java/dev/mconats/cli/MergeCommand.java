package dev.mconats.cli;

import dev.mconats.reports.ReportException;
import dev.mconats.reports.RunFolder;
import dev.mconats.reports.fleet.FleetMerge;
import dev.mconats.reports.fleet.FleetResult;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code merge}: the records of a sharded run's injectors (e.g. collected from a Kubernetes Indexed Job) into one run
 * folder with fleet-wide figures; each injector's folder is copied under {@code shards/<i>/}.
 */
@Command(name = "merge", description = "Merge the records of a sharded fleet run's injectors into one run folder under results/runs/.")
public final class MergeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Parameters(arity = "1..*", paramLabel = "DIR", description = "Injector folders (with fleet-record.json), or folders holding them (e.g. .../shards)")
    List<Path> dirs;
    @Option(names = {"--results-dir", "--results"}, defaultValue = "results", description = "Results folder (default: ${DEFAULT-VALUE})")
    Path reports;

    @Override
    public Integer call() {
        FleetResult merged;
        try {
            merged = FleetMerge.merge(dirs);
        } catch (ReportException e) {
            throw new UserError(e.getMessage());
        }
        try (RunFolder run = RunFolder.open(reports, "fleet")) {
            merged.writeTo(run);
            Path done = run.commit();
            FleetCommand.print(spec.commandLine().getOut(), merged, done);
        }
        return merged.passed() ? 0 : 1;
    }
}
