package dev.mconats.reports.html;

import static dev.mconats.reports.html.Html.esc;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mconats.reports.capacity.CapacityBudget;
import dev.mconats.reports.capacity.CapacityEstimate;
import dev.mconats.reports.claims.RunClaims;
import dev.mconats.reports.compare.Comparison;
import dev.mconats.reports.compare.Noise;
import dev.mconats.reports.run.ConformanceSummary;
import dev.mconats.reports.run.LoadResult;
import dev.mconats.reports.run.RunAnalysis;
import dev.mconats.reports.run.RunInfo;
import dev.mconats.reports.samples.Gap;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Renders results/index.html: the runs table, pinned comparisons, the storm overview, and per run its metadata,
 * conformance summary, Gatling link, missing samples, capacity (confirmed figure first, the model bounded by the hard
 * limits after it, what a cluster carries with a member lost, a servers-for-a-fleet calculator), the claims it tested,
 * its storm, comparison with the previous run of the same target, and chart placeholders that assets/report.js fills
 * from the embedded JSON. Everything but the charts and the calculator's live answer is plain HTML, so the page reads
 * even without JavaScript.
 */
public final class IndexPage {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Chart placeholders per run: id and title (report.js knows how to draw each id). */
    static final List<String[]> CHARTS = List.of(
            new String[] {"nodes", "Connected nodes over time"},
            new String[] {"rss", "Server RSS against connections"},
            new String[] {"cpu", "Server CPU against connections"},
            new String[] {"memPerConn", "Memory per connection"},
            new String[] {"discovery", "Discovery latency against connected nodes"},
            new String[] {"pressure", "Slow consumers and route pending"},
            new String[] {"injector", "Injector RSS and CPU against live nodes"});

    private final Path resultsDir;
    private final List<RunAnalysis> runs;
    private final List<Comparison> pinned;
    private final Map<String, Comparison> previous;
    private final CapacityBudget budget;
    private final CapacitySection capacity;

    /**
     * @param previous per run id, its comparison with the previous run of the same target and kind
     */
    public IndexPage(Path resultsDir, List<RunAnalysis> runs, List<Comparison> pinned, Map<String, Comparison> previous,
                     CapacityBudget budget) {
        this.resultsDir = resultsDir.toAbsolutePath().normalize();
        this.runs = runs;
        this.pinned = pinned;
        this.previous = previous;
        this.budget = budget;
        this.capacity = new CapacitySection(budget);
    }

    public String render() {
        StringBuilder h = new StringBuilder(64 * 1024);
        h.append("<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>mco-nats-suite: runs and capacity</title>\n")
                .append("<link rel=\"stylesheet\" href=\"assets/report.css\">\n</head>\n<body>\n");
        h.append("<header><h1>NATS for MCollective: runs and capacity</h1><p class=\"sub\">")
                .append(runs.size()).append(runs.size() == 1 ? " run" : " runs").append(" · generated ")
                .append(esc(Instant.now().toString().replaceFirst("\\.\\d+Z$", "Z")))
                .append(" · capacity budget per server: ").append(esc(Fmt.bytes(budget.memoryBytes()))).append(" RSS, ")
                .append(esc(Fmt.num(budget.cpuPercent(), 0))).append(" % CPU (of one core), one fleet discovery every ")
                .append(esc(Fmt.num(1 / budget.discoveriesPerSecond(), 1))).append(" s</p></header>\n<main>\n");
        for (Comparison c : pinned) {
            h.append("<section class=\"card compare pinned\" id=\"compare-").append(esc(Html.anchor(c.runA() + "--" + c.runB())))
                    .append("\"><h2>Comparison: ").append(link(c.runB())).append(" against ").append(link(c.runA())).append("</h2>\n");
            ComparisonTable.render(h, c);
            h.append("</section>\n");
        }
        runsTable(h);
        if (StormSection.any(runs)) {
            StormSection.overview(h, runs);
        }
        for (int i = 0; i < runs.size(); i++) {
            run(h, runs.get(i), i == 0);
        }
        h.append("</main>\n<footer><p>Noise rule: two figures are the same when they differ by at most max(")
                .append(Fmt.num(Noise.SIGMAS, 0)).append(" × √(uA² + uB²), ").append(Fmt.num(Noise.RELATIVE_FLOOR * 100, 0))
                .append(" % of the larger), where u is each run's own standard error (shown as ±). Charts: Apache ECharts, bundled in assets/.")
                .append("</p></footer>\n");
        ObjectNode data = JSON.createObjectNode();
        runs.forEach(r -> data.set(r.id(), ChartData.of(r)));
        h.append("<script type=\"application/json\" id=\"chart-data\">").append(Html.scriptJson(data.toString())).append("</script>\n")
                .append("<script type=\"application/json\" id=\"storm-data\">").append(Html.scriptJson(StormSection.data(runs).toString()))
                .append("</script>\n")
                .append("<script src=\"assets/echarts.min.js\"></script>\n<script src=\"assets/report.js\"></script>\n")
                .append("</body>\n</html>\n");
        return h.toString();
    }

    private String link(String runId) {
        return "<a href=\"#" + esc(Html.anchor(runId)) + "\">" + esc(runId) + "</a>";
    }

    private void runsTable(StringBuilder h) {
        h.append("<section class=\"card\" id=\"runs\"><h2>Runs</h2>\n");
        if (runs.isEmpty()) {
            h.append("<p class=\"empty\">No runs yet: every conformance or load run writes a folder under runs/.</p></section>\n");
            return;
        }
        h.append("<div class=\"scroll\"><table class=\"runs\"><thead><tr><th>run</th><th>kind</th><th>target</th>")
                .append("<th>NATS</th><th>conformance</th><th>load claims</th><th>measured nodes <small>(per server)</small></th>")
                .append("<th>model per server</th><th>missing samples</th></tr></thead><tbody>\n");
        for (RunAnalysis r : runs) {
            RunInfo i = r.info();
            h.append("<tr><td>").append(link(r.id())).append("</td><td>").append(esc(i.kind())).append("</td><td>")
                    .append(esc(orDash(i.target()))).append("</td><td>").append(esc(orDash(r.natsVersion()))).append("</td><td class=\"conf\">")
                    .append(conformanceBadge(i.conformance())).append("</td><td>").append(claimsBadge(r)).append("</td><td class=\"num\">")
                    .append(r.series().isEmpty() ? Fmt.UNKNOWN : esc(Fmt.count(r.capacity().measuredFleet())) + " <small>("
                            + esc(Fmt.count(r.capacity().measuredPerServer())) + ")</small>").append("</td><td class=\"num\">")
                    .append(modelCell(r.capacity())).append("</td><td class=\"num\">")
                    .append(r.series().isEmpty() ? Fmt.UNKNOWN : missingBadge(r)).append("</td></tr>\n");
        }
        h.append("</tbody></table></div></section>\n");
    }

    private static String orDash(String s) {
        return s == null || s.isBlank() ? Fmt.UNKNOWN : s;
    }

    /** Passed, skipped, warned and failed counted apart: a skip is not a pass. */
    private static String conformanceBadge(Optional<ConformanceSummary> c) {
        if (c.isEmpty()) {
            return Fmt.UNKNOWN;
        }
        ConformanceSummary s = c.get();
        if (s.problem() != null && s.counts().isEmpty()) {
            return "<span class=\"badge warn\">unreadable</span>";
        }
        StringBuilder b = new StringBuilder();
        if (s.headline() != null) {
            b.append("<small>").append(esc(s.headline())).append("</small><br>");
        }
        b.append(part("good", s.passed(), "passed")).append(' ').append(part(s.skipped() > 0 ? "warn" : "same", s.skipped(), "skipped"))
                .append(' ').append(part(s.warned() > 0 ? "warn" : "same", s.warned(), "warned")).append(' ')
                .append(part(s.failing() > 0 ? "bad" : "same", s.failing(), "failed"));
        if (s.other() > 0) {
            b.append(' ').append(part("warn", s.other(), "other"));
        }
        return b.toString();
    }

    private static String part(String cls, int n, String what) {
        return "<span class=\"badge " + cls + "\">" + n + " " + what + "</span>";
    }

    private static String claimsBadge(RunAnalysis r) {
        if (r.load().isEmpty()) {
            return Fmt.UNKNOWN;
        }
        return r.claimsHeld().map(h -> h ? "<span class=\"badge good\">held</span>" : "<span class=\"badge bad\">FAILED</span>")
                .orElse("<span class=\"badge warn\">not recorded</span>");
    }

    /** The bounded model figure, the limit that binds, and an extrapolation label when it lies far beyond the measured range. */
    private static String modelCell(CapacityEstimate c) {
        CapacityEstimate.Bound b = c.bound();
        if (!b.known()) {
            return Fmt.UNKNOWN;
        }
        if (Double.isNaN(c.modelNodesPerServer())) {
            return "≤ " + esc(Fmt.count(b.nodes())) + " <small>" + esc(b.limit().shortLabel()) + "; no model</small>";
        }
        return esc(Fmt.count(b.nodes())) + " <small>" + esc(b.limit().shortLabel()) + "</small>"
                + (c.isExtrapolation() ? " <span class=\"badge warn\">extrapolation " + esc(Fmt.times(c.extrapolation())) + "</span>" : "");
    }

    private static String missingBadge(RunAnalysis r) {
        long missing = r.gaps().stream().mapToLong(Gap::samples).sum();
        return missing == 0 ? "<span class=\"badge good\">none</span>" : "<span class=\"badge warn\">" + Fmt.count(missing) + "</span>";
    }

    private void run(StringBuilder h, RunAnalysis r, boolean open) {
        RunInfo i = r.info();
        h.append("<details class=\"card run\" id=\"").append(esc(Html.anchor(r.id()))).append("\" data-run=\"").append(esc(r.id()))
                .append("\"").append(open ? " open" : "").append("><summary><h2>").append(esc(r.id())).append("</h2><span class=\"sub\">")
                .append(esc(i.kind())).append(" · ").append(esc(orDash(i.target()))).append(" · NATS ")
                .append(esc(orDash(r.natsVersion()))).append("</span></summary>\n");
        if (i.problem() != null) {
            h.append("<p class=\"problem\">").append(esc(i.problem())).append("</p>\n");
        }
        meta(h, r);
        conformance(h, i);
        links(h, i);
        missing(h, r);
        if (!r.series().isEmpty()) {
            capacity.render(h, r);
        }
        ClaimsSection.render(h, RunClaims.of(r));
        r.load().flatMap(LoadResult::storm).ifPresent(st -> {
            h.append("<div class=\"storm\"><h3>Storm</h3>\n");
            StormSection.steps(h, st);
            h.append("</div>\n");
        });
        r.load().map(LoadResult::problem).filter(java.util.Objects::nonNull)
                .ifPresent(p -> h.append("<p class=\"problem\">").append(esc(p)).append("</p>\n"));
        if (!r.series().isEmpty()) {
            Comparison c = previous.get(r.id());
            if (c != null) {
                h.append("<h3>Against the previous run of this target (").append(link(c.runA())).append(")</h3>\n");
                ComparisonTable.render(h, c);
            }
            h.append("<div class=\"charts\">\n");
            for (String[] c2 : CHARTS) {
                h.append("<figure><figcaption>").append(esc(c2[1])).append("</figcaption><div class=\"chart\" data-chart=\"")
                        .append(c2[0]).append("\" data-run=\"").append(esc(r.id())).append("\"></div></figure>\n");
            }
            h.append("</div>\n");
        } else if (r.samplesProblem() != null) {
            h.append("<p class=\"problem\">").append(esc(r.samplesProblem())).append("</p>\n");
        } else {
            h.append("<p class=\"empty\">No server samples in this run (samples.jsonl is written by load runs).</p>\n");
        }
        h.append("</details>\n");
    }

    private void meta(StringBuilder h, RunAnalysis r) {
        RunInfo i = r.info();
        h.append("<dl class=\"meta\">");
        dt(h, "target", orDash(i.target()));
        dt(h, "NATS version", orDash(r.natsVersion()));
        dt(h, "started", orDash(i.started()));
        dt(h, "finished", orDash(i.finished()));
        if (!r.series().isEmpty()) {
            dt(h, "sampled", Fmt.seconds(r.series().durationSeconds()) + ", " + r.series().samples().size() + " samples of "
                    + r.series().serverNames().size() + " servers");
            r.series().samples().stream().flatMap(s -> s.servers().stream()).filter(v -> v.ok()).findFirst().ifPresent(v -> {
                dt(h, "max_connections", v.maxConnections() < 0 ? Fmt.UNKNOWN : Fmt.count(v.maxConnections()));
                dt(h, "max_payload", v.maxPayload() < 0 ? Fmt.UNKNOWN : Fmt.bytes(v.maxPayload()));
                dt(h, "max_pending", v.maxPending() < 0 ? Fmt.UNKNOWN : Fmt.bytes(v.maxPending()));
                dt(h, "TLS timeout", Double.isNaN(v.tlsTimeout()) ? Fmt.UNKNOWN : Fmt.num(v.tlsTimeout(), 2) + " s");
                dt(h, "write_deadline", v.writeDeadlineNanos() < 0 ? Fmt.UNKNOWN : Fmt.num(v.writeDeadlineNanos() / 1e9, 1) + " s");
            });
        }
        h.append("</dl>\n");
        if (!i.config().isEmpty()) {
            h.append("<details class=\"config\"><summary>key config (").append(i.config().size()).append(")</summary><div class=\"scroll\"><table>");
            i.config().forEach((k, v) -> h.append("<tr><th>").append(esc(k)).append("</th><td>").append(esc(v)).append("</td></tr>"));
            h.append("</table></div></details>\n");
        }
    }

    private static void dt(StringBuilder h, String k, String v) {
        h.append("<div><dt>").append(esc(k)).append("</dt><dd>").append(esc(v)).append("</dd></div>");
    }

    private void conformance(StringBuilder h, RunInfo i) {
        if (i.conformance().isEmpty()) {
            return;
        }
        ConformanceSummary c = i.conformance().get();
        h.append("<h3>Conformance</h3>\n");
        if (c.headline() != null) {
            h.append("<p><strong>").append(esc(c.headline())).append("</strong>")
                    .append(c.strict() == null ? "" : c.strict() ? " <small>(strict: a skip or warning fails the run)</small>"
                            : " <small>(not strict: skips and warnings do not fail the run)</small>").append("</p>\n");
        }
        h.append("<p class=\"counts\">");
        c.counts().forEach((k, v) -> h.append("<span class=\"badge ").append(badgeClass(k)).append("\">")
                .append(esc(k.toLowerCase(Locale.ROOT))).append(" ").append(v).append("</span> "));
        h.append("</p>\n");
        if (c.problem() != null) {
            h.append("<p class=\"problem\">").append(esc(c.problem())).append("</p>\n");
        }
        if (!c.failures().isEmpty()) {
            h.append("<ul class=\"failures\">");
            c.failures().forEach(f -> h.append("<li><code>").append(esc(orDash(f.id()))).append("</code> ")
                    .append(esc(f.status().toLowerCase(Locale.ROOT))).append(f.message() == null ? "" : ": " + esc(f.message()))
                    .append("</li>"));
            h.append("</ul>\n");
        }
    }

    private static String badgeClass(String status) {
        return switch (status) {
            case "PASS", "PASSED", "OK", "SUCCESS" -> "good";
            case "FAIL", "FAILED", "FAILURE", "ERROR", "ERRORED", "BROKEN" -> "bad";
            default -> "warn";
        };
    }

    private void links(StringBuilder h, RunInfo i) {
        StringBuilder l = new StringBuilder();
        i.gatlingIndex().ifPresent(p -> l.append("<a href=\"").append(esc(rel(p))).append("\">Gatling report</a> "));
        i.conformanceHtml().ifPresent(p -> l.append("<a href=\"").append(esc(rel(p))).append("\">conformance report</a> "));
        i.samples().ifPresent(p -> l.append("<a href=\"").append(esc(rel(p))).append("\">samples.jsonl</a> "));
        if (!l.isEmpty()) {
            h.append("<p class=\"links\">").append(l).append("</p>\n");
        }
    }

    /** A link relative to index.html, with URL-safe segments. */
    private String rel(Path p) {
        Path r = resultsDir.relativize(p.toAbsolutePath().normalize());
        StringBuilder b = new StringBuilder();
        for (Path seg : r) {
            if (!b.isEmpty()) {
                b.append('/');
            }
            b.append(java.net.URLEncoder.encode(seg.toString(), java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20"));
        }
        return b.toString();
    }

    private void missing(StringBuilder h, RunAnalysis r) {
        if (r.series().malformedLines() > 0) {
            h.append("<p class=\"problem\">").append(r.series().malformedLines())
                    .append(" unreadable line(s) in samples.jsonl were skipped.</p>\n");
        }
        if (r.gaps().isEmpty()) {
            return;
        }
        h.append("<div class=\"missing\"><h3>Missing samples</h3><ul>");
        for (Gap g : r.gaps()) {
            h.append("<li><strong>").append(esc(g.who())).append("</strong>: ").append(g.samples())
                    .append(g.samples() == 1 ? " sample" : " samples").append(" missing from ")
                    .append(esc(Fmt.seconds(g.fromS()))).append(" to ").append(esc(Fmt.seconds(g.toS())))
                    .append(g.recovered() ? "" : " (until the end of the run)").append(" — ")
                    .append(esc(String.join("; ", g.reasons()))).append("</li>");
        }
        h.append("</ul><p>Charts leave these stretches empty; fits use only the samples that exist.</p></div>\n");
    }
}
