package dev.mconats.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mconats.reports.capacity.CapacityBudget;
import dev.mconats.reports.claims.Claim;
import dev.mconats.reports.claims.ClaimStatus;
import dev.mconats.reports.claims.RunClaims;
import dev.mconats.reports.html.CapacityHeadline;
import dev.mconats.reports.html.Fmt;
import dev.mconats.reports.run.LoadSummaryFixture;
import dev.mconats.reports.run.RunAnalysis;
import dev.mconats.reports.run.RunInfo;
import dev.mconats.reports.samples.SyntheticRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
        assertThat(html).contains("<h3>Capacity</h3>", "least-squares fit of each server's RSS", "per TLS handshake",
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
        assertThat(html).contains("1 passed</span> <span class=\"badge warn\">1 skipped</span> <span class=\"badge same\">0 warned</span> "
                + "<span class=\"badge bad\">1 failed</span>", "tls/rogue-ca-refused</code> fail: server accepted a rogue client");
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

    @Test
    void aModelFarBeyondATinyRangeIsBoundedByMaxConnectionsAndLabelledNeverTheHeadline() throws Exception {
        SyntheticRun tiny = new SyntheticRun();
        tiny.peakNodes = 90;              // 30 connections per server
        tiny.rssNoise = 20_000;           // a reliable per-connection cost all the same: the memory model says ~150,000
        tiny.maxConnections = 1000;
        tiny.openFilesLimit = 20_000;
        String id = run("load", tiny, Map.of("target", "staging"));
        new LoadSummaryFixture().write(reports.resolve("runs").resolve(id));

        RunAnalysis a = RunAnalysis.of(RunInfo.read(reports.resolve("runs").resolve(id)), CapacityBudget.DEFAULT);
        double model = a.capacity().modelNodesPerServer();
        assertThat(model).as("the memory model alone").isGreaterThan(100_000);
        CapacityHeadline headline = CapacityHeadline.of(a.capacity(), a.claimsHeld());
        assertThat(headline.text()).isEqualTo("Confirmed up to 30 connections per server (90 nodes on 3 servers); model suggests "
                + "1,000 (bounded by max_connections) — extrapolation, 33× the largest load measured");
        assertThat(headline.extrapolation()).isTrue();

        String html = Files.readString(ReportBuilder.build(reports));
        String shown = html.substring(html.indexOf("<p class=\"headline\">"), html.indexOf("</p>", html.indexOf("<p class=\"headline\">")));
        assertThat(shown).startsWith("<p class=\"headline\"><strong>Confirmed up to 30 connections per server (90 nodes on 3 servers)</strong>")
                .contains("bounded by max_connections", "<span class=\"badge warn\">extrapolation</span>")
                .doesNotContain(Fmt.count(model));
        // the runs table: measured first, the model bounded, named and labelled
        assertThat(html).contains("<td class=\"num\">90 <small>(30)</small></td><td class=\"num\">1,000 <small>max_connections</small> "
                + "<span class=\"badge warn\">extrapolation 33×</span>");
        // the model's own figure appears only in its method line, labelled
        assertThat(html).containsPattern(Fmt.count(model) + " ± [0-9,]+ nodes — <span class=\"badge warn\">extrapolation</span> [0-9,]+× the largest load measured");
        assertThat(html).contains("<strong>max_connections</strong> binds: 1,000 nodes per server",
                "open-files limit 20,000 (from /proc/&lt;pid&gt;/limits), of which the server held 12");
        // losing a member, on both figures, and the calculator's answer rendered for 10,000 nodes
        assertThat(html).contains("one member down (each survivor takes its share)</td><td class=\"num\">60</td><td class=\"num\">2,000</td>",
                "Servers for 10,000 nodes with N+1: 335 on the confirmed figure (30 per server), more than 200 through a rolling "
                        + "restart; 11 on the model (extrapolation) figure (1,000 per server), 27 through a rolling restart.");
        // claims: Choria's 50,000 per broker cannot be told from 30, and these servers could not reach it anyway
        assertThat(html).contains("handles 50,000 Choria connections per node", "could not tell",
                "and these servers cannot reach it: max_connections caps each at 1,000");
    }

    @Test
    void aSingleServerRunStatesTheSeedClaimUpToTheSizeItReached() throws Exception {
        SyntheticRun one = new SyntheticRun();
        one.servers = 1;
        one.peakNodes = 2000;
        String held = run("load", one, Map.of("target", "single"));
        new LoadSummaryFixture().write(reports.resolve("runs").resolve(held));
        RunAnalysis a = RunAnalysis.of(RunInfo.read(reports.resolve("runs").resolve(held)), CapacityBudget.DEFAULT);
        List<Claim> claims = RunClaims.of(a);
        assertThat(claims.get(0).status()).isEqualTo(ClaimStatus.CONFIRMED);
        assertThat(claims.get(0).finding()).startsWith("confirmed up to 2,000 nodes on one server");
        assertThat(claims).filteredOn(c -> c.claim().startsWith("discovery: 99th percentile")).singleElement()
                .satisfies(c -> {
                    assertThat(c.status()).isEqualTo(ClaimStatus.CONFIRMED);
                    assertThat(c.finding()).isEqualTo("actual 412.0");
                });
        assertThat(claims).filteredOn(c -> c.claim().contains("10,000 connected nodes")).singleElement()
                .satisfies(c -> assertThat(c.status()).isEqualTo(ClaimStatus.COULD_NOT_TELL));

        LoadSummaryFixture failed = new LoadSummaryFixture();
        failed.held = false;
        failed.assertions = List.of("discovery: percentage of successful events is 100.0 : false (actual : 97.5)");
        failed.write(reports.resolve("runs").resolve(held));
        a = RunAnalysis.of(RunInfo.read(reports.resolve("runs").resolve(held)), CapacityBudget.DEFAULT);
        assertThat(RunClaims.of(a).get(0).status()).isEqualTo(ClaimStatus.CONTRADICTED);
        assertThat(CapacityHeadline.of(a.capacity(), a.claimsHeld()).lead())
                .isEqualTo("Measured up to 2,000 connections per server (2,000 nodes on 1 server), but the run's load claims FAILED, so nothing is confirmed");
    }

    @Test
    void stormStepsAreShownWithRecoveryRepliesSpreadAndTheInjectorBound() throws Exception {
        String id = run("load", new SyntheticRun(), Map.of("target", "local"));
        LoadSummaryFixture f = new LoadSummaryFixture();
        f.simulation = "RollingRestart";
        f.storm = LoadSummaryFixture.rollingRestart(1000, 2);
        f.write(reports.resolve("runs").resolve(id));

        String html = Files.readString(ReportBuilder.build(reports));
        assertThat(html).contains("id=\"storms\"", "data-chart=\"storms\"", "<h3>Storm</h3>", "RollingRestart, fault <code>stop</code>",
                "bounded by the injector", "fleet of 3,000 nodes on 3 members",
                "127.0.9.11:4222 0 · 127.0.9.12:4222 1,500 · 127.0.9.13:4222 1,500", "127.0.9.11:4222 1,875 · 127.0.9.12:4222 1,125 · 127.0.9.13:4222 0");
        assertThat(html).contains("<td class=\"num\">1.4 s</td>", "83.3 %");
        assertThat(html).contains("the fleet comes back after each member is restarted in turn (RollingRestart, stop)");
        String data = html.substring(html.indexOf("id=\"storm-data\">"));
        assertThat(data).contains("\"nodes\":1000", "\"ms\":1400", "\"bound\":true");
    }

    @Test
    void theConformanceColumnCountsPassedSkippedWarnedAndFailedApart() throws Exception {
        String id = run("conformance", null, Map.of("target", "local"));
        Path conf = Files.createDirectories(reports.resolve("runs/" + id + "/conformance"));
        Files.writeString(conf.resolve("results.json"), """
                {"headline": "PASSED with 2 SKIPPED, 1 WARN", "strict": false, "counts": {"PASS": 40, "SKIP": 5, "WARN": 1, "FAIL": 0},
                 "checks": [{"id": "a", "status": "PASS"}, {"id": "b", "status": "PASS"}, {"id": "c", "status": "SKIP"},
                            {"id": "d", "status": "SKIP"}, {"id": "e", "status": "WARN"}]}""");
        String html = Files.readString(ReportBuilder.build(reports));
        assertThat(html).contains("<small>PASSED with 2 SKIPPED, 1 WARN</small><br><span class=\"badge good\">2 passed</span> "
                + "<span class=\"badge warn\">2 skipped</span> <span class=\"badge warn\">1 warned</span> "
                + "<span class=\"badge same\">0 failed</span>");
        assertThat(html).doesNotContain("passed or skipped");
        assertThat(html).contains("<strong>PASSED with 2 SKIPPED, 1 WARN</strong> <small>(not strict");
    }
}
