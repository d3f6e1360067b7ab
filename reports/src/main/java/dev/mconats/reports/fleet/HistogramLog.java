package dev.mconats.reports.fleet;

import dev.mconats.reports.ReportException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import org.HdrHistogram.HistogramLogWriter;

/**
 * An injector's latencies as an HdrHistogram interval log ({@value #FILE}): every few seconds one histogram per
 * request name (tagged), so a run cut short still leaves what it measured, and histograms from any number of
 * injectors add up exactly (same value ranges and precision everywhere).
 */
public final class HistogramLog implements AutoCloseable {
    public static final String FILE = "fleet-record.hlog";
    /** Highest trackable value, ms, and significant digits: the same for every injector so histograms add. */
    public static final long MAX_MILLIS = 3_600_000;
    public static final int DIGITS = 3;

    private final PrintStream out;
    private final HistogramLogWriter writer;

    private HistogramLog(PrintStream out, long startMillis) {
        this.out = out;
        this.writer = new HistogramLogWriter(out);
        writer.outputLogFormatVersion();
        writer.outputStartTime(startMillis);
        writer.setBaseTime(startMillis);
        writer.outputBaseTime(startMillis);
        writer.outputLegend();
        out.flush();
    }

    /** A new histogram with the log's range and precision. */
    public static Histogram newHistogram() {
        return new Histogram(MAX_MILLIS, DIGITS);
    }

    /** Creates (or truncates) the log in {@code dir}. */
    public static HistogramLog create(Path dir, long startMillis) {
        try {
            Files.createDirectories(dir);
            return new HistogramLog(new PrintStream(dir.resolve(FILE).toFile(), java.nio.charset.StandardCharsets.US_ASCII), startMillis);
        } catch (IOException e) {
            throw new ReportException("cannot write " + dir.resolve(FILE) + ": " + e.getMessage(), e);
        }
    }

    /** Appends one interval of {@code tag}; empty intervals are skipped. */
    public synchronized void write(String tag, Histogram interval) {
        if (interval.getTotalCount() == 0) {
            return;
        }
        interval.setTag(tag);
        writer.outputIntervalHistogram(interval);
    }

    public synchronized void flush() {
        out.flush();
    }

    @Override
    public synchronized void close() {
        out.close();
    }

    /** Sums every interval of the log in {@code dir} per tag; no log gives an empty map. */
    public static Map<String, Histogram> read(Path dir) {
        Path f = dir.resolve(FILE);
        Map<String, Histogram> byTag = new TreeMap<>();
        if (!Files.isRegularFile(f)) {
            return byTag;
        }
        try {
            HistogramLogReader reader = new HistogramLogReader(f.toFile());
            EncodableHistogram h;
            while ((h = reader.nextIntervalHistogram()) != null) {
                if (!(h instanceof Histogram ih)) {
                    throw new ReportException(f + ": unexpected double histogram");
                }
                String tag = ih.getTag() == null ? "untagged" : ih.getTag();
                byTag.computeIfAbsent(tag, t -> newHistogram()).add(ih);
            }
            return byTag;
        } catch (FileNotFoundException e) {
            return byTag;
        } catch (RuntimeException e) {
            if (e instanceof ReportException r) {
                throw r;
            }
            throw new ReportException(f + ": unreadable interval log: " + e, e);
        }
    }
}
