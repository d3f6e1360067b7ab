package dev.mconats.upgrade;

import dev.mconats.reports.compare.Comparison;
import dev.mconats.reports.compare.Verdict;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/** The rehearsal's own page: the verdict, what changed in conformance, then the performance deltas. Self-contained. */
final class RehearsalPage {
    private RehearsalPage() {
    }

    static String render(String verdict, Rehearsal.SideRuns a, Rehearsal.SideRuns b, ConformanceDiff diff, Optional<Comparison> perf,
                         Optional<RollingUpgrade.Result> rolling, Path resultsDir) {
        StringBuilder h = new StringBuilder();
        h.append("<!doctype html><html lang=en><head><meta charset=utf-8><meta name=viewport content=\"width=device-width,initial-scale=1\">")
                .append("<title>Upgrade rehearsal</title><style>body{font-family:system-ui,sans-serif;margin:1rem;max-width:70rem}")
                .append("table{border-collapse:collapse;width:100%;font-size:.9rem}td,th{border-bottom:1px solid #ddd;padding:.3rem;text-align:left}")
                .append(".bad{color:#b00020;font-weight:600}.good{color:#0a7a2f;font-weight:600}.verdict{font-size:1.2rem;padding:.6rem;border-radius:.3rem;background:#f3f3f3}")
                .append("div.scroll{overflow-x:auto}</style></head><body>");
        h.append("<h1>Upgrade rehearsal</h1>");
        String cls = verdict.startsWith("OK") ? "good" : "bad";
        h.append("<p class=\"verdict ").append(cls).append("\">").append(esc(verdict)).append("</p>");
        h.append("<div class=scroll><table><tr><th></th><th>servers</th><th>nats-server</th><th>conformance</th><th>load</th></tr>");
        row(h, "A (baseline)", a);
        row(h, "B (candidate)", b);
        h.append("</table></div>");
        h.append("<h2>1. Conformance differences</h2>");
        if (diff.changes().isEmpty()) {
            h.append("<p>None: all ").append(diff.comparedResults()).append(" results have the same status on both sides.</p>");
        } else {
            h.append("<div class=scroll><table><tr><th>check</th><th>node</th><th>A</th><th>B</th><th>B says</th></tr>");
            for (ConformanceDiff.Change c : diff.changes()) {
                String k = c.regression() ? "bad" : c.fix() ? "good" : "";
                h.append("<tr class=\"").append(k).append("\"><td>").append(esc(c.checkId())).append("</td><td>").append(esc(c.node()))
                        .append("</td><td>").append(esc(c.statusA())).append("</td><td>").append(esc(c.statusB()))
                        .append("</td><td>").append(esc(c.messageB())).append("</td></tr>");
            }
            h.append("</table></div>");
        }
        h.append("<h2>2. Performance deltas (B against A)</h2>");
        if (perf.isEmpty()) {
            h.append("<p>No load runs to compare.</p>");
        } else {
            h.append("<div class=scroll><table><tr><th>metric</th><th>A</th><th>B</th><th>delta</th><th>verdict</th></tr>");
            for (Comparison.Row r : perf.get().rows()) {
                String k = r.verdict() == Verdict.WORSE ? "bad" : r.verdict() == Verdict.BETTER ? "good" : "";
                h.append("<tr class=\"").append(k).append("\"><td>").append(esc(r.metric().label())).append(" (").append(esc(r.metric().unit()))
                        .append(")</td><td>").append(num(r.a() == null ? Double.NaN : r.a().value())).append("</td><td>")
                        .append(num(r.b() == null ? Double.NaN : r.b().value())).append("</td><td>")
                        .append(Double.isNaN(r.deltaPercent()) ? "" : String.format(Locale.ROOT, "%+.1f %%", r.deltaPercent()))
                        .append("</td><td>").append(esc(r.verdict().label())).append("</td></tr>");
            }
            h.append("</table></div>");
            perf.get().caveats().forEach(c -> h.append("<p><em>").append(esc(c)).append("</em></p>"));
        }
        rolling.ifPresent(r -> h.append(RollingUpgradeTable.html(r)));
        h.append("<p><a href=\"../../index.html\">All runs and the full comparison view</a></p></body></html>");
        return h.toString();
    }

    private static void row(StringBuilder h, String label, Rehearsal.SideRuns s) {
        String conf = "../" + s.conformance().getFileName() + "/conformance/report.html";
        h.append("<tr><td>").append(label).append("</td><td>").append(esc(s.side().describe())).append("</td><td>").append(esc(s.natsVersion()))
                .append("</td><td><a href=\"").append(esc(conf)).append("\">").append(s.conformanceExit() == 0 ? "all pass" : "FAILS").append("</a></td><td>");
        if (s.load().isPresent()) {
            h.append("<a href=\"../").append(esc(s.load().get().getFileName().toString())).append("/gatling/index.html\">")
                    .append(s.loadExit() == 0 ? "claims held" : "claims FAILED").append("</a>");
        } else {
            h.append("not run");
        }
        h.append("</td></tr>");
    }

    private static String num(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%,.3g", v);
    }

    private static String esc(String s) {
        return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
