package dev.mconats.reports.html;

import static dev.mconats.reports.html.Html.esc;

import dev.mconats.reports.compare.Comparison;
import dev.mconats.reports.compare.Metric;
import dev.mconats.reports.compare.MetricValue;
import dev.mconats.reports.compare.Verdict;

/**
 * Run B against run A as a table: per metric both values in their unit with their uncertainty, the delta, the noise
 * band and the verdict; a model figure far beyond the measured range carries an extrapolation label. Shared by the
 * index and the upgrade rehearsal's page.
 */
public final class ComparisonTable {
    private ComparisonTable() {
    }

    public static void render(StringBuilder h, Comparison c) {
        c.caveats().forEach(x -> h.append("<p class=\"note\">").append(esc(x)).append("</p>"));
        h.append("<p class=\"counts\">");
        for (Verdict v : Verdict.values()) {
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

    private static String cell(MetricValue v, Metric m) {
        if (v == null) {
            return Fmt.UNKNOWN;
        }
        String s = esc(Fmt.value(v.value(), m.unit()));
        if (v.uncertainty() > 0) {
            s += " <small>± " + esc(Fmt.value(v.uncertainty(), m.unit())) + "</small>";
        }
        if (v.isExtrapolation()) {
            s += "<br><span class=\"badge warn\" title=\"a model figure "
                    + esc(Double.isFinite(v.extrapolation()) ? Fmt.times(v.extrapolation()) + " the largest load measured" : "with nothing measured")
                    + "\">extrapolation</span>";
        }
        return "<span title=\"" + esc(v.basis()) + "\">" + s + "</span>";
    }

    static String verdictClass(Verdict v) {
        return switch (v) {
            case BETTER -> "good";
            case WORSE -> "bad";
            case SAME_WITHIN_NOISE -> "same";
            default -> "warn";
        };
    }
}
