package dev.mconats.reports.html;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;

/**
 * Copies what index.html loads into results/assets/: ECharts from its webjar and the page's own script and style,
 * so the report works offline from the file system (no CDN).
 */
public final class Assets {
    static final String ECHARTS_VERSION = "5.3.1";
    private static final Map<String, String> FILES = Map.of(
            "echarts.min.js", "/META-INF/resources/webjars/echarts/" + ECHARTS_VERSION + "/dist/echarts.min.js",
            "report.js", "/dev/mconats/reports/html/report.js",
            "report.css", "/dev/mconats/reports/html/report.css");

    private Assets() {
    }

    /** The report's style sheet, for a page that must stand alone (e.g. the upgrade rehearsal's) in the same look. */
    public static String css() {
        try (InputStream in = Assets.class.getResourceAsStream(FILES.get("report.css"))) {
            if (in == null) {
                throw new IllegalStateException("resource missing from the reports jar: " + FILES.get("report.css"));
            }
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the report's style sheet: " + e.getMessage(), e);
        }
    }

    public static void copyTo(Path assetsDir) {
        try {
            Files.createDirectories(assetsDir);
            for (Map.Entry<String, String> e : FILES.entrySet()) {
                try (InputStream in = Assets.class.getResourceAsStream(e.getValue())) {
                    if (in == null) {
                        throw new IllegalStateException("resource missing from the reports jar: " + e.getValue());
                    }
                    Path tmp = assetsDir.resolve("." + e.getKey() + ".tmp");
                    Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
                    Files.move(tmp, assetsDir.resolve(e.getKey()), StandardCopyOption.REPLACE_EXISTING,
                            StandardCopyOption.ATOMIC_MOVE);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write report assets to " + assetsDir + ": " + e.getMessage(), e);
        }
    }
}
