package dev.mconats.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mconats.reports.samples.SyntheticRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportBuilderTest {
    @TempDir
    Path reports;

    private String run(String kind, SyntheticRun samples, Map<String, Object> meta) throws Exception {
        try (RunFolder f = RunFolder.open(reports, kind)) {
            if (samples != null) {
                samples.write(f.resolve("samples.jsonl"));
            }
            meta.forEach(f::put);
            return f.commit().getFileName().toString();
        }
    }

    @Test
    void indexListsRunsWithCapacityMissingSamplesAndComparison() throws Exception {
        String a = run("load", new SyntheticRun(), Map.of("target", "local", "config", Map.of("nodes", 3000,
                "route-password", "hunter2")));
        SyntheticRun died = new SyntheticRun();
        died.deadServer = 1;
        died.deadFrom = 90;
        died.seed = 5;
        String b = run("load", died, Map.of("target", "local"));
        Path index = ReportBuilder.build(reports, ReportOptions.defaults().comparing(a, b));

        String html = Files.readString(index);
        assertThat(index).isEqualTo(reports.toAbsolutePath().resolve("index.html"));
        assertThat(reports.resolve("assets/echarts.min.js")).isNotEmptyFile();
        assertThat(reports.resolve("assets/report.js")).isNotEmptyFile();
        assertThat(reports.resolve("assets/report.css")).isNotEmptyFile();
        assertThat(html).doesNotContain("http://cdn", "https://");
        assertThat(html).contains("<meta name=\"viewport\"", "id=\"run-" + a + "\"", "id=\"run-" + b + "\"");
        assertThat(html).contains("Comparison: <a href=\"#run-" + b + "\">" + b + "</a> against");
        assertThat(html).contains("Missing samples", "nats2.example.net</strong>: 30 samples missing from 90.0 s to 119.0 s (until the end of the run)",
                "connection refused");
        assertThat(html).contains("Capacity estimate", "least-squares fit of each server's RSS", "per TLS handshake",
                "~300 MB RSS with 10,000 nodes", "50,000 connections per broker");
        assertThat(html).contains("route-password</th><td>(hidden)").doesNotContain("hunter2");
        assertThat(html).contains("NATS 2.9.10");
        // the newest run is open, the previous one is its baseline
        assertThat(html).contains("data-run=\"" + b + "\" open>");
        assertThat(html).contains("Against the previous run of this target");
    }

    @Test
    void partialRunsAreIgnoredAndABrokenRunJsonIsShownNotFatal() throws Exception {
        String ok = run("conformance", null, Map.of("target", "local"));
        Files.createDirectories(reports.resolve("runs/.20990101-000000-load.partial"));
        Path broken = Files.createDirectories(reports.resolve("runs/20000101-000000-load"));
        Files.writeString(broken.resolve("run.json"), "{ not json");
        Path conf = Files.createDirectories(reports.resolve("runs/" + ok + "/conformance"));
        Files.writeString(conf.resolve("results.json"), """
                {"results": [{"id": "tls/verify-required", "status": "PASS"},
                             {"id": "tls/rogue-ca-refused", "status": "FAIL", "message": "server accepted a rogue client"},
                             {"id": "routes/probe", "status": "SKIP"}]}""");
        Path gatling = Files.createDirectories(reports.resolve("runs/" + ok + "/gatling/discovery-20260101/"));
        Files.writeString(gatling.resolve("index.html"), "<html></html>");

        String html = Files.readString(ReportBuilder.build(reports));
        assertThat(html).doesNotContain("partial");
        assertThat(html).contains("run.json unreadable");
        assertThat(html).contains("1 of 3 failed", "tls/rogue-ca-refused</code> fail: server accepted a rogue client");
        assertThat(html).contains("href=\"runs/" + ok + "/gatling/discovery-20260101/index.html\">Gatling report");
        assertThat(html).contains("No server samples in this run");
    }

    @Test
    void noRunsYetStillGivesAPage() throws Exception {
        String html = Files.readString(ReportBuilder.build(reports.resolve("fresh")));
        assertThat(html).contains("No runs yet");
    }

    @Test
    void comparingAnUnknownRunIsAOneLineError() throws Exception {
        String a = run("load", new SyntheticRun(), Map.of());
        assertThatThrownBy(() -> ReportBuilder.build(reports, ReportOptions.defaults().comparing(a, "20990101-nope")))
                .isInstanceOf(ReportException.class)
                .hasMessageStartingWith("no run '20990101-nope' in ")
                .hasMessageContaining(a)
                .hasMessageNotContaining("\n");
        assertThat(reports.resolve("index.html")).doesNotExist();
    }

    @Test
    void aReportsPathThatIsAFileIsAOneLineError() throws Exception {
        Path file = Files.writeString(reports.resolve("file"), "x");
        assertThatThrownBy(() -> ReportBuilder.build(file)).isInstanceOf(ReportException.class)
                .hasMessageContaining("not a folder");
    }
}
