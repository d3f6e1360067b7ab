package dev.mconats.reports.run;

import dev.mconats.reports.capacity.CapacityBudget;
import dev.mconats.reports.capacity.CapacityEstimate;
import dev.mconats.reports.compare.RunMetrics;
import dev.mconats.reports.samples.Gap;
import dev.mconats.reports.samples.MissingSamples;
import dev.mconats.reports.samples.SampleSeries;
import dev.mconats.reports.samples.SamplesFile;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;

/**
 * Everything the report shows about one run: its folder's metadata, samples, gaps, capacity estimate, metrics, and
 * what its load-summary.json says about its claims and storms.
 */
public record RunAnalysis(RunInfo info, SampleSeries series, List<Gap> gaps, CapacityEstimate capacity,
                          RunMetrics metrics, Optional<LoadResult> load, String samplesProblem) {

    public static RunAnalysis of(RunInfo info, CapacityBudget budget) {
        SampleSeries series = SampleSeries.EMPTY;
        String problem = null;
        if (info.samples().isPresent()) {
            try {
                series = SamplesFile.read(info.samples().get());
            } catch (UncheckedIOException e) {
                problem = e.getMessage();
            }
            if (problem == null && series.isEmpty()) {
                problem = "samples.jsonl holds no samples" + (series.malformedLines() > 0
                        ? " (" + series.malformedLines() + " unreadable lines)" : "");
            }
        }
        CapacityEstimate cap = CapacityEstimate.of(series, budget);
        return new RunAnalysis(info, series, MissingSamples.of(series), cap, RunMetrics.of(series, cap),
                LoadResult.read(info.dir()), problem);
    }

    public String id() {
        return info.id();
    }

    /** NATS version from run.json, else what the servers reported in their samples. */
    public String natsVersion() {
        if (info.natsVersion() != null) {
            return info.natsVersion();
        }
        return series.versions().isEmpty() ? null : String.join(", ", series.versions());
    }

    /** Whether the run's load claims all held; empty when the run recorded none. */
    public Optional<Boolean> claimsHeld() {
        return load.flatMap(LoadResult::claimsHeld);
    }
}
