package dev.mconats.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mconats.reports.RunFolder;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportCommandTest {
    @TempDir
    Path reports;

    private static String stderrOf(Runnable r) {
        PrintStream old = System.err;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setErr(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            r.run();
        } finally {
            System.setErr(old);
        }
        return buf.toString(StandardCharsets.UTF_8);
    }

    @Test
    void buildsTheIndex() {
        try (RunFolder f = RunFolder.open(reports, "conformance")) {
            f.put("target", "local").commit();
        }
        assertThat(Main.run("report", "--results-dir", reports.toString())).isZero();
        assertThat(reports.resolve("index.html")).isNotEmptyFile();
        assertThat(reports.resolve("assets/echarts.min.js")).isNotEmptyFile();
    }

    @Test
    void anUnknownRunToCompareIsOneLineAndExitTwo() {
        int[] rc = new int[1];
        String err = stderrOf(() -> rc[0] = Main.run("report", "--results-dir", reports.toString(), "--compare", "a", "b"));
        assertThat(rc[0]).isEqualTo(Main.USAGE_OR_ENVIRONMENT);
        assertThat(err.strip()).startsWith("error: no run 'a' in ").doesNotContain("\n").doesNotContain("Exception");
        assertThat(Files.exists(reports.resolve("index.html"))).isFalse();
    }

    @Test
    void aMissingReportsFolderIsOneLineAndExitTwo() {
        int[] rc = new int[1];
        String err = stderrOf(() -> rc[0] = Main.run("report", "--results-dir", reports.resolve("nope").toString()));
        assertThat(rc[0]).isEqualTo(Main.USAGE_OR_ENVIRONMENT);
        assertThat(err.strip()).isEqualTo("error: --results-dir: no such folder: " + reports.resolve("nope"));
    }
}
