package dev.mconats.upgrade;

import static dev.mconats.reports.html.Html.esc;

import dev.mconats.reports.capacity.CapacityBudget;
import dev.mconats.reports.compare.Comparison;
import dev.mconats.reports.html.Assets;
import dev.mconats.reports.html.CapacityHeadline;
import dev.mconats.reports.html.ComparisonTable;
import dev.mconats.reports.html.Fmt;
import dev.mconats.reports.run.RunAnalysis;
import dev.mconats.reports.run.RunInfo;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * The rehearsal's own page, in the index's look (its style sheet inlined, so the page stands alone): the verdict,
 * the two sides with the load they carried, what changed in conformance, the performance deltas in the units a
 * person reads with their noise bands, and each side's capacity with the same bounds and labels as the index.
 */
final class RehearsalPage {
    private RehearsalPage() {
    }

    static String render(String verdict, Rehearsal.SideRuns a, Rehearsal.SideRuns b, ConformanceDiff diff, Optional<Comparison> perf,
                         Optional<RollingUpgrade.Result> rolling, Path resultsDir) {
        Optional<RunAnalysis> la = a.load().map(RehearsalPage::analyse);
        Optional<RunAnalysis> lb = b.load().map(RehearsalPage::analyse);
        StringBuilder h = new StringBuilder(32 * 1024);
        h.append("<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>Upgrade rehearsal</title>\n")
                .append("<style>\n").append(Assets.css()).append("</style>\n</head>\n<body>\n")
                .append("<header><h1>Upgrade rehearsal</h1><p class=\"sub\">A = ").append(esc(a.side().describe()))
                .append(" · B = ").append(esc(b.side().describe())).append(" · generated ")
                .append(esc(Instant.now().toString().replaceFirst("\\.\\d+Z$", "Z"))).append("</p></header>\n<main>\n");
        verdict(h, verdict);
        sides(h, a, b, la, lb);
        conformance(h, diff);
        performance(h, perf);
        capacity(h, a, la);
        capacity(h, b, lb);
        rolling.ifPresent(r -> h.append(RollingUpgradeTable.html(r)));
        h.append("</main>\n<footer><p><a href=\"../../index.html\">All runs, their charts and the full comparison view</a>. ")
                .append("Noise rule and methods: the index's footer and docs/reports.md.</p></footer>\n</body>\n</html>\n");
        return h.toString();
    }

    private static RunAnalysis analyse(Path run) {
        return RunAnalysis.of(RunInfo.read(run), CapacityBudget.DEFAULT);
    }

    private static void verdict(StringBuilder h, String verdict) {
        String cls = verdict.startsWith("OK") ? "good" : verdict.startsWith("CAUTION") ? "warn" : "bad";
        h.append("<section class=\"card\"><h2>Verdict</h2><p class=\"headline\"><span class=\"badge ").append(cls).append("\">")
                .append(esc(verdict.replaceFirst(":.*", ""))).append("</span> ").append(esc(verdict.replaceFirst("^[^:]*:\\s*", "")))
                .append("</p></section>\n");
    }

    private static void sides(StringBuilder h, Rehearsal.SideRuns a, Rehearsal.SideRuns b, Optional<RunAnalysis> la,
                              Optional<RunAnalysis> lb) {
        h.append("<section class=\"card\"><h2>The two sides</h2>\n<p>").append(load(la, lb)).append("</p>\n")
                .append("<div class=\"scroll\"><table><thead><tr><th>side</th><th>servers</th><th>nats-server</th>")
                .append("<th>conformance</th><th>load claims</th><th>nodes reached</th></tr></thead><tbody>");
        row(h, "A (baseline)", a, la);
        row(h, "B (candidate)", b, lb);
        h.append("</tbody></table></div></section>\n");
    }

    /** The load each side carried, stated so a reader can judge whether a delta means anything. */
    private static String load(Optional<RunAnalysis> la, Optional<RunAnalysis> lb) {
        if (la.isEmpty() && lb.isEmpty()) {
            return "No load on either side (<code>--nodes 0</code>): conformance only.";
        }
        String asked = la.or(() -> lb).map(r -> r.info().config().get("parameters.nodes")).orElse(null);
        return "Load on each side: " + (asked == null ? "" : "<strong>" + esc(Fmt.count(Double.parseDouble(asked)))
                + " simulated nodes</strong>, ") + "the ClusterScaling simulation (ramp, then discovery rounds) over the same "
                + "3-node TLS cluster (same addresses, PKI and configs). The default, " + Fmt.count(Rehearsal.DEFAULT_NODES)
                + " nodes (about " + Fmt.count(Rehearsal.DEFAULT_NODES / 3.0) + " per server), measures the memory cost per "
                + "connection to about ±5 %; with a few hundred nodes its uncertainty is several times larger and swamps "
                + "a difference between A and B. Every figure below carries its own ± and noise band.";
    }

    private static void row(StringBuilder h, String label, Rehearsal.SideRuns s, Optional<RunAnalysis> load) {
        String conf = "../" + s.conformance().getFileName() + "/conformance/report.html";
        h.append("<tr><td>").append(label).append("</td><td>").append(esc(s.side().describe())).append("</td><td>")
                .append(esc(s.natsVersion())).append("</td><td><a href=\"").append(esc(conf)).append("\"><span class=\"badge ")
                .append(s.conformanceExit() == 0 ? "good\">all pass" : "bad\">FAILS").append("</span></a></td><td>");
        if (s.load().isPresent()) {
            h.append("<a href=\"../").append(esc(s.load().get().getFileName().toString())).append("/gatling/index.html\"><span class=\"badge ")
                    .append(s.loadExit() == 0 ? "good\">held" : "bad\">FAILED").append("</span></a>");
        } else {
            h.append("not run");
        }
        h.append("</td><td class=\"num\">").append(load.map(r -> esc(Fmt.count(r.capacity().measuredFleet()))).orElse(Fmt.UNKNOWN))
                .append("</td></tr>");
    }

    private static void conformance(StringBuilder h, ConformanceDiff diff) {
        h.append("<section class=\"card\"><h2>1. Conformance differences</h2>\n");
        if (diff.changes().isEmpty()) {
            h.append("<p>None: all ").append(diff.comparedResults()).append(" results have the same status on both sides.</p>");
        } else {
            h.append("<div class=\"scroll\"><table class=\"compare\"><thead><tr><th>check</th><th>node</th><th>A</th><th>B</th>")
                    .append("<th>B says</th></tr></thead><tbody>");
            for (ConformanceDiff.Change c : diff.changes()) {
                String k = c.regression() ? "bad" : c.fix() ? "good" : "warn";
                h.append("<tr><td><code>").append(esc(c.checkId())).append("</code></td><td>").append(esc(c.node()))
                        .append("</td><td>").append(esc(c.statusA())).append("</td><td><span class=\"badge ").append(k).append("\">")
                        .append(esc(c.statusB())).append("</span></td><td>").append(esc(c.messageB())).append("</td></tr>");
            }
            h.append("</tbody></table></div>");
        }
        h.append("</section>\n");
    }

    private static void performance(StringBuilder h, Optional<Comparison> perf) {
        h.append("<section class=\"card\"><h2>2. Performance deltas (B against A)</h2>\n");
        if (perf.isEmpty()) {
            h.append("<p class=\"empty\">No load runs to compare.</p>");
        } else {
            ComparisonTable.render(h, perf.get());
        }
        h.append("</section>\n");
    }

    private static void capacity(StringBuilder h, Rehearsal.SideRuns s, Optional<RunAnalysis> load) {
        load.filter(r -> !r.series().isEmpty()).ifPresent(r -> h.append("<section class=\"card capacity\"><h2>Capacity, side ")
                .append(esc(s.side().label())).append("</h2>\n<p class=\"headline\">")
                .append(CapacityHeadline.of(r.capacity(), r.claimsHeld()).html()).append("</p></section>\n"));
    }
}
