package dev.mconats.conformance.report;

import dev.mconats.conformance.SuiteResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a run's three files into one folder: {@code results.json}, {@code junit.xml}, {@code report.html}. The
 * front door passes {@code results/runs/<id>/conformance/} of a run folder that only appears once complete.
 */
public final class ReportFiles {
    public static final String RESULTS = "results.json";
    public static final String JUNIT = "junit.xml";
    public static final String HTML = "report.html";

    private ReportFiles() {
    }

    public static void write(SuiteResult result, Path dir) {
        try {
            Files.createDirectories(dir);
            ResultsJson.write(result, dir.resolve(RESULTS));
            JunitXml.write(result, dir.resolve(JUNIT));
            HtmlReport.write(result, dir.resolve(HTML));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the conformance report into " + dir + ": " + e.getMessage(), e);
        }
    }
}
