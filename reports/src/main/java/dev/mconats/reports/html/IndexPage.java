package dev.mconats.reports.html;

import static dev.mconats.reports.html.Html.esc;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mconats.reports.capacity.CapacityBudget;
import dev.mconats.reports.capacity.CapacityEstimate;
import dev.mconats.reports.capacity.CpuFit;
import dev.mconats.reports.capacity.LinearFit;
import dev.mconats.reports.capacity.PublishedFigures;
import dev.mconats.reports.compare.Comparison;
import dev.mconats.reports.compare.Metric;
import dev.mconats.reports.compare.Noise;
import dev.mconats.reports.run.ConformanceSummary;
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
 * Renders results/index.html: the runs table, pinned comparisons, and per run its metadata, conformance summary,
 * Gatling link, missing samples, capacity estimate (with its method), comparison with the previous run of the same
 * target, and chart placeholders that assets/report.js fills from the embedded JSON. Everything but the charts is
 * plain HTML, so the page reads even without JavaScript.
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
            comparison(h, c);
            h.append("</section>\n");
        }
        runsTable(h);
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
                .append("<th>NATS</th><th>conformance</th><th>peak nodes</th><th>nodes per server (estimate)</th>")
                .append("<th>missing samples</th></tr></thead><tbody>\n");
        for (RunAnalysis r : runs) {
            RunInfo i = r.info();
            h.append("<tr><td>").append(link(r.id())).append("</td><td>").append(esc(i.kind())).append("</td><td>")
                    .append(esc(orDash(i.target()))).append("</td><td>").append(esc(orDash(r.natsVersion()))).append("</td><td>")
                    .append(conformanceBadge(i.conformance())).append("</td><td class=\"num\">")
                    .append(r.series().isEmpty() ? Fmt.UNKNOWN : esc(Fmt.count(r.series().peakNodes()))).append("</td><td class=\"num\">")
                    .append(esc(Fmt.count(r.capacity().nodesPerServer()))).append("</td><td class=\"num\">")
                    .append(r.series().isEmpty() ? Fmt.UNKNOWN : missingBadge(r)).append("</td></tr>\n");
        }
        h.append("</tbody></table></div></section>\n");
    }

    private static String orDash(String s) {
        return s == null || s.isBlank() ? Fmt.UNKNOWN : s;
    }

    private static String conformanceBadge(Optional<ConformanceSummary> c) {
        if (c.isEmpty()) {
            return Fmt.UNKNOWN;
        }
        ConformanceSummary s = c.get();
        if (s.problem() != null && s.counts().isEmpty()) {
            return "<span class=\"badge warn\">unreadable</span>";
        }
        return s.failing() > 0 ? "<span class=\"badge bad\">" + s.failing() + " of " + s.total() + " failed</span>"
                : "<span class=\"badge good\">" + s.total() + " passed or skipped</span>";
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
            capacity(h, r.capacity());
            Comparison c = previous.get(r.id());
            if (c != null) {
                h.append("<h3>Against the previous run of this target (").append(link(c.runA())).append(")</h3>\n");
                comparison(h, c);
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
        h.append("<h3>Conformance</h3>\n<p class=\"counts\">");
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

    private void capacity(StringBuilder h, CapacityEstimate c) {
        h.append("<div class=\"capacity\"><h3>Capacity estimate</h3>\n");
        double n = c.nodesPerServer();
        h.append("<p class=\"headline\">").append(Double.isFinite(n)
                ? "<strong>" + esc(Fmt.count(n)) + " nodes per server</strong> within " + esc(Fmt.bytes(budget.memoryBytes()))
                        + " RSS and " + esc(Fmt.num(budget.cpuPercent(), 0)) + " % CPU"
                : "No reliable estimate from this run: the per-connection and per-message costs below are not "
                        + "determined to within " + Fmt.num(CapacityEstimate.MAX_RELATIVE_ERROR * 100, 0)
                        + " % (one standard error). Load more connections, for longer, to extrapolate.")
                .append("</p>\n<ul class=\"method\">");
        c.memory().ifPresent(f -> memoryMethod(h, c, f));
        c.cpu().ifPresent(f -> cpuMethod(h, c, f));
        c.injectorMemory().ifPresent(f -> h.append("<li>Injector: RSS = ").append(esc(Fmt.bytes(f.intercept()))).append(" + ")
                .append(esc(Fmt.bytes(f.slope()))).append(" ± ").append(esc(Fmt.bytes(f.slopeStdErr())))
                .append(" per simulated node (R² ").append(Fmt.num(f.rSquared(), 3)).append(", ").append(f.n())
                .append(" samples, ").append(esc(Fmt.count(f.xMin()))).append("–").append(esc(Fmt.count(f.xMax())))
                .append(" nodes).</li>"));
        c.notes().forEach(x -> h.append("<li class=\"note\">").append(esc(x)).append("</li>"));
        h.append("</ul>\n");
        published(h, c);
        h.append("</div>\n");
    }

    private void memoryMethod(StringBuilder h, CapacityEstimate c, LinearFit f) {
        h.append("<li><strong>Memory</strong>: least-squares fit of each server's RSS against its client connections over ")
                .append(f.n()).append(" server samples (").append(esc(Fmt.count(f.xMin()))).append("–")
                .append(esc(Fmt.count(f.xMax()))).append(" connections per server): RSS = ")
                .append(esc(Fmt.bytes(f.intercept()))).append(" ± ").append(esc(Fmt.bytes(f.interceptStdErr()))).append(" + ")
                .append(esc(Fmt.bytes(f.slope()))).append(" ± ").append(esc(Fmt.bytes(f.slopeStdErr())))
                .append(" per connection (R² ").append(Fmt.num(f.rSquared(), 3)).append(").");
        double nm = c.nodesAtMemoryBudget();
        if (Double.isFinite(nm)) {
            h.append(" At ").append(esc(Fmt.bytes(budget.memoryBytes()))).append(": (budget − fixed) / per connection = <strong>")
                    .append(esc(Fmt.count(nm))).append(" ± ").append(esc(Fmt.count(c.nodesAtMemoryBudgetStdErr())))
                    .append(" nodes</strong>").append(extrapolation(nm, f.xMax())).append('.');
        }
        if (!c.memoryReliable() && f.slope() > 0) {
            h.append(" <span class=\"note\">Not reliable: the per-connection cost is known only to ±")
                    .append(Fmt.num(100 * f.slopeStdErr() / f.slope(), 0)).append(" %.</span>");
        }
        h.append("</li>");
    }

    private void cpuMethod(StringBuilder h, CapacityEstimate c, CpuFit f) {
        h.append("<li><strong>CPU</strong>: least-squares fit of each server's CPU (% of one core) against its message rate ")
                .append("(in + out) and new-connection rate over ").append(f.n()).append(" sampling intervals (up to ")
                .append(esc(Fmt.count(f.maxMessageRate()))).append(" msgs/s and ").append(esc(Fmt.num(f.maxHandshakeRate(), 1)))
                .append(" connections/s): fixed ").append(esc(Fmt.num(f.baseline(), 2))).append(" %");
        if (Double.isFinite(f.perMessage())) {
            h.append(", ").append(esc(Fmt.num(f.microsPerMessage(), 2))).append(" ± ").append(esc(Fmt.num(f.microsPerMessageStdErr(), 2)))
                    .append(" µs per message");
        }
        if (Double.isFinite(f.perHandshake())) {
            h.append(", ").append(esc(Fmt.num(f.millisPerHandshake(), 2))).append(" ± ")
                    .append(esc(Fmt.num(f.millisPerHandshakeStdErr(), 2))).append(" ms per TLS handshake");
        }
        h.append(" (R² ").append(Fmt.num(f.rSquared(), 3)).append(").");
        double nc = c.nodesAtCpuBudget();
        if (Double.isFinite(nc)) {
            h.append(" At ").append(esc(Fmt.num(budget.cpuPercent(), 0))).append(" % with one fleet discovery every ")
                    .append(esc(Fmt.num(1 / budget.discoveriesPerSecond(), 1))).append(" s (")
                    .append(CapacityBudget.MESSAGES_PER_NODE_PER_DISCOVERY).append(" messages per node each): <strong>")
                    .append(esc(Fmt.count(nc))).append(" nodes</strong>").append(extrapolation(nc, c.maxConnectionsSeen())).append('.');
        } else if (Double.isFinite(f.perMessage())) {
            h.append(" CPU did not rise measurably with message rate: no CPU-bound node count.");
        }
        if (Double.isFinite(nc) && !c.cpuReliable()) {
            h.append(" <span class=\"note\">Not reliable: the per-message cost is known only to ±")
                    .append(Fmt.num(100 * f.perMessageStdErr() / f.perMessage(), 0)).append(" %.</span>");
        }
        double hs = c.handshakesPerSecondAtCpuBudget();
        if (Double.isFinite(hs)) {
            h.append(" TLS handshakes within that CPU: ").append(esc(Fmt.count(hs))).append("/s, so reconnecting ")
                    .append(esc(Fmt.count(PublishedFigures.NODES_FOR_RSS))).append(" nodes to one server takes at least ")
                    .append(esc(Fmt.seconds(PublishedFigures.NODES_FOR_RSS / hs))).append(" of server CPU.");
        }
        h.append("</li>");
    }

    private static String extrapolation(double estimate, double maxSeen) {
        if (maxSeen <= 0) {
            return "";
        }
        double ratio = estimate / maxSeen;
        return ratio > 1.05 ? " — extrapolated " + Fmt.num(ratio, 1) + "× beyond the largest load measured ("
                + Fmt.count(maxSeen) + " connections on one server)" : " (within the measured range)";
    }

    private void published(StringBuilder h, CapacityEstimate c) {
        if (c.memory().isEmpty()) {
            return;
        }
        LinearFit f = c.memory().get();
        h.append("<div class=\"scroll\"><table class=\"published\"><thead><tr><th>published (").append(esc(PublishedFigures.SOURCE))
                .append(")</th><th>this run</th></tr></thead><tbody>");
        double at10k = c.rssAt(PublishedFigures.NODES_FOR_RSS);
        h.append("<tr><td>~300 MB RSS with ").append(Fmt.count(PublishedFigures.NODES_FOR_RSS)).append(" nodes</td><td>")
                .append(esc(Fmt.bytes(at10k))).append(" by the fit").append(f.xMax() < PublishedFigures.NODES_FOR_RSS
                        ? " (extrapolated)" : "").append(" — ").append(esc(Fmt.num(at10k / PublishedFigures.RSS_BYTES_AT_NODES, 2)))
                .append("× published</td></tr>");
        h.append("<tr><td>≈ ").append(esc(Fmt.bytes(PublishedFigures.bytesPerNode()))).append(" per node (300 MB / 10,000)</td><td>")
                .append(esc(Fmt.bytes(f.slope()))).append(" per connection, marginal</td></tr>");
        double at50k = c.rssAt(PublishedFigures.CONNECTIONS_PER_BROKER);
        h.append("<tr><td>").append(Fmt.count(PublishedFigures.CONNECTIONS_PER_BROKER)).append(" connections per broker</td><td>")
                .append("RSS at 50,000 by the fit: ").append(esc(Fmt.bytes(at50k))).append("; estimate within budget: ")
                .append(esc(Fmt.count(c.nodesPerServer()))).append("</td></tr>");
        h.append("</tbody></table></div>\n");
    }

    private void comparison(StringBuilder h, Comparison c) {
        c.caveats().forEach(x -> h.append("<p class=\"note\">").append(esc(x)).append("</p>"));
        h.append("<p class=\"counts\">");
        for (var v : dev.mconats.reports.compare.Verdict.values()) {
            long n = c.count(v);
            if (n > 0) {
                h.append("<span class=\"badge ").append(verdictClass(v)).append("\">").append(esc(v.label())).append(" ")
                        .append(n).append("</span> ");
            }
        }
        h.append("</p><p class=\"ab\">A = ").append(esc(c.runA())).append(" (baseline), B = ").append(esc(c.runB()))
                .append("</p><div class=\"scroll\"><table class=\"compare\"><thead><tr><th>metric</th><th>A</th><th>B</th>")
                .append("<th>B − A</th><th>noise band</th><th>verdict</th></tr></thead><tbody>");
        for (Comparison.Row r : c.rows()) {
            Metric m = r.metric();
            h.append("<tr><td>").append(esc(m.label())).append("</td><td class=\"num\">").append(cell(r.a(), m))
                    .append("</td><td class=\"num\">").append(cell(r.b(), m)).append("</td><td class=\"num\">")
                    .append(esc(Fmt.signed(r.delta(), m.unit()))).append(" <small>").append(esc(Fmt.percent(r.deltaPercent())))
                    .append("</small></td><td class=\"num\">").append(Double.isFinite(r.noise()) ? "±" + esc(Fmt.value(r.noise(), m.unit())) : Fmt.UNKNOWN)
                    .append("</td><td><span class=\"badge ").append(verdictClass(r.verdict())).append("\">")
                    .append(esc(r.verdict().label())).append("</span></td></tr>");
        }
        h.append("</tbody></table></div>\n");
    }

    private static String cell(dev.mconats.reports.compare.MetricValue v, Metric m) {
        if (v == null) {
            return Fmt.UNKNOWN;
        }
        String s = esc(Fmt.value(v.value(), m.unit()));
        if (v.uncertainty() > 0) {
            s += " <small>± " + esc(Fmt.value(v.uncertainty(), m.unit())) + "</small>";
        }
        return "<span title=\"" + esc(v.basis()) + "\">" + s + "</span>";
    }

    private static String verdictClass(dev.mconats.reports.compare.Verdict v) {
        return switch (v) {
            case BETTER -> "good";
            case WORSE -> "bad";
            case SAME_WITHIN_NOISE -> "same";
            default -> "warn";
        };
    }
}
