package dev.mconats.reports.html;

import static dev.mconats.reports.html.Html.esc;

import dev.mconats.reports.claims.Claim;
import dev.mconats.reports.claims.ClaimStatus;
import java.util.List;

/** The claims a run tested, each with its source, what the run found and the verdict. */
final class ClaimsSection {
    private ClaimsSection() {
    }

    static void render(StringBuilder h, List<Claim> claims) {
        if (claims.isEmpty()) {
            return;
        }
        h.append("<div class=\"claims\"><h3>Claims</h3>\n<div class=\"scroll\"><table class=\"claims\"><thead><tr><th>claim</th>")
                .append("<th>source</th><th>this run</th><th>finding</th></tr></thead><tbody>");
        for (Claim c : claims) {
            h.append("<tr><td>").append(esc(c.claim())).append("</td><td><small>").append(esc(c.source()))
                    .append("</small></td><td><span class=\"badge ").append(statusClass(c.status())).append("\">")
                    .append(esc(c.status().label())).append("</span></td><td>").append(esc(c.finding())).append("</td></tr>");
        }
        h.append("</tbody></table></div></div>\n");
    }

    static String statusClass(ClaimStatus s) {
        return switch (s) {
            case CONFIRMED -> "good";
            case CONTRADICTED -> "bad";
            case COULD_NOT_TELL -> "warn";
            case NOT_TESTED -> "same";
        };
    }
}
