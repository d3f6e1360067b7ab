package dev.mconats.reports;

import dev.mconats.reports.compare.Comparison;
import dev.mconats.reports.html.Assets;
import dev.mconats.reports.html.IndexPage;
import dev.mconats.reports.run.RunAnalysis;
import dev.mconats.reports.run.RunInfo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Builds {@code results/index.html} from every committed run under {@code results/runs/} (hidden {@code .partial}
 * folders of runs in progress are ignored), with the chart library and the page's assets in {@code results/assets/}.
 * The page is written to a temporary file and renamed, so a reader never sees half of it.
 */
public final class ReportBuilder {
    private ReportBuilder() {
    }

    /** Builds the report with the default capacity budget; returns the path of index.html. */
    public static Path build(Path resultsDir) {
        return build(resultsDir, ReportOptions.defaults());
    }

    public static Path build(Path resultsDir, ReportOptions options) {
        Path dir = resultsDir.toAbsolutePath().normalize();
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new ReportException("reports dir is not a folder: " + dir);
        }
        // runs are read and fitted independently: in parallel (reading the samples is most of a build's time)
        List<RunAnalysis> runs = runs(dir).parallelStream().map(p -> RunAnalysis.of(RunInfo.read(p), options.budget())).toList();
        Map<String, RunAnalysis> byId = new LinkedHashMap<>();
        runs.forEach(r -> byId.put(r.id(), r));
        List<Comparison> pinned = new ArrayList<>();
        for (ReportOptions.Pair p : options.compare()) {
            RunAnalysis a = find(byId, p.runA(), dir);
            RunAnalysis b = find(byId, p.runB(), dir);
            pinned.add(Comparison.of(a.id(), a.metrics(), b.id(), b.metrics()));
        }
        String html = new IndexPage(dir, runs, pinned, previousRunComparisons(runs), options.budget()).render();
        try {
            Files.createDirectories(dir);
            Assets.copyTo(dir.resolve("assets"));
            Path tmp = dir.resolve(".index.html.tmp");
            Files.writeString(tmp, html, StandardCharsets.UTF_8);
            Path index = dir.resolve("index.html");
            Files.move(tmp, index, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return index;
        } catch (IOException e) {
            throw new ReportException("cannot write " + dir.resolve("index.html") + ": " + e.getMessage(), e);
        } catch (UncheckedIOException e) {
            throw new ReportException(e.getMessage(), e);
        }
    }

    /** Committed run folders, newest first (ids start with the UTC start time). */
    static List<Path> runs(Path resultsDir) {
        Path runs = resultsDir.resolve("runs");
        if (!Files.isDirectory(runs)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(runs)) {
            return s.filter(Files::isDirectory).filter(p -> !p.getFileName().toString().startsWith("."))
                    .sorted(Comparator.comparing((Path p) -> p.getFileName().toString()).reversed()).toList();
        } catch (IOException e) {
            throw new ReportException("cannot list " + runs + ": " + e.getMessage(), e);
        }
    }

    private static RunAnalysis find(Map<String, RunAnalysis> byId, String id, Path dir) {
        RunAnalysis r = byId.get(id);
        if (r == null) {
            throw new ReportException("no run '" + id + "' in " + dir.resolve("runs") + (byId.isEmpty() ? " (there are no runs)"
                    : " (newest: " + String.join(", ", byId.keySet().stream().limit(5).toList()) + ")"));
        }
        return r;
    }

    /** Each run with samples against the next older run of the same kind and target that has samples too. */
    static Map<String, Comparison> previousRunComparisons(List<RunAnalysis> newestFirst) {
        Map<String, Comparison> out = new LinkedHashMap<>();
        for (int i = 0; i < newestFirst.size(); i++) {
            RunAnalysis b = newestFirst.get(i);
            if (b.series().isEmpty()) {
                continue;
            }
            for (int j = i + 1; j < newestFirst.size(); j++) {
                RunAnalysis a = newestFirst.get(j);
                if (!a.series().isEmpty() && Objects.equals(a.info().kind(), b.info().kind())
                        && Objects.equals(a.info().target(), b.info().target())) {
                    out.put(b.id(), Comparison.of(a.id(), a.metrics(), b.id(), b.metrics()));
                    break;
                }
            }
        }
        return out;
    }
}
