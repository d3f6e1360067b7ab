package dev.mconats.upgrade;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;

/**
 * The rolling-upgrade section of the verdict page: one row per member, the A→A rolling restart's step next to the A→B
 * upgrade's (outage reply ratio, time until the fleet was connected again, until the route mesh was whole, lost
 * replies, verdict), then where the nodes ended up and what runs on each member. {@link RehearsalPage} includes it with
 * one call; the look is the page's own (its table and bad/good classes).
 */
final class RollingUpgradeTable {
    private RollingUpgradeTable() {
    }

    static String html(RollingUpgrade.Result r) {
        StringBuilder h = new StringBuilder();
        h.append("<h2>Rolling upgrade under load</h2>");
        String cls = r.verdict().startsWith("OK") ? "good" : "bad";
        h.append("<p class=\"").append(cls).append("\">").append(esc(r.verdict())).append("</p>");
        h.append("<p>Each member in turn stopped and started again under a live fleet of ")
                .append(r.upgrade().storm().path("fleet_size").asInt()).append(" nodes: as A again (A→A, the baseline) and as B (A→B, the upgrade).")
                .append(" Fleet back: from the stop until every node was connected again; mesh whole: from the start until every")
                .append(" route was up, seen from both ends. Lost replies: replies missing in the step's discovery rounds.</p>");
        h.append("<div class=scroll><table><tr><th rowspan=2>member</th><th colspan=5>A→A (rolling restart)</th><th colspan=5>A→B (rolling upgrade)</th></tr>")
                .append("<tr>").append(heads()).append(heads()).append("</tr>");
        JsonNode a = r.baseline().storm().path("steps");
        JsonNode b = r.upgrade().storm().path("steps");
        int rows = Math.max(a.size(), b.size());
        for (int i = 0; i < rows; i++) {
            JsonNode sa = a.path(i);
            JsonNode sb = b.path(i);
            String member = sb.path("member").asText(sa.path("member").asText(""));
            h.append("<tr><td>").append(esc(member)).append("</td>").append(cells(sa)).append(cells(sb)).append("</tr>");
        }
        h.append("<tr><td>storm</td><td colspan=5>").append(verdict(r.baseline().storm())).append("</td><td colspan=5>")
                .append(verdict(r.upgrade().storm())).append("</td></tr>");
        h.append("</table></div>");
        h.append("<p>Nodes per server after the last step (nats-server does not rebalance): A→A ")
                .append(esc(spread(a))).append("; A→B ").append(esc(spread(b))).append("</p>");
        h.append("<p>Running after the upgrade: ").append(esc(String.join("; ", r.upgrade().membersAfter()))).append("</p>");
        link(h, r.baseline());
        link(h, r.upgrade());
        return h.toString();
    }

    private static String heads() {
        return "<th>outage replies</th><th>fleet back</th><th>mesh whole</th><th>lost replies</th><th>step</th>";
    }

    private static String cells(JsonNode s) {
        if (s.isMissingNode()) {
            return "<td colspan=5>not run</td>";
        }
        JsonNode outage = s.path("outage_rounds");
        String ratio = outage.path("reply_ratio").isNumber()
                ? String.format(Locale.ROOT, "%.1f %%", outage.path("reply_ratio").asDouble() * 100) : "no round";
        return "<td>" + ratio + "</td><td>" + secs(s.path("all_reconnected_ms")) + "</td><td>" + secs(s.path("mesh_whole_ms"))
                + "</td><td>" + s.path("lost_replies").asLong() + "</td><td class=\"" + ("PASS".equals(s.path("verdict").asText()) ? "good" : "bad")
                + "\" title=\"" + esc(s.path("reason").asText()) + "\">" + esc(s.path("verdict").asText()) + "</td>";
    }

    private static String verdict(JsonNode storm) {
        String v = storm.path("verdict").asText("?");
        return "<span class=\"" + ("PASS".equals(v) ? "good" : "bad") + "\">" + esc(v) + "</span> " + esc(storm.path("reason").asText());
    }

    private static String spread(JsonNode steps) {
        JsonNode last = steps.path(steps.size() - 1).path("spread_after");
        if (last.isMissingNode() || last.isEmpty()) {
            return "unknown";
        }
        StringBuilder b = new StringBuilder();
        last.properties().forEach(e -> b.append(b.length() == 0 ? "" : ", ").append(e.getKey()).append(' ').append(e.getValue().asText()));
        return b.toString();
    }

    private static void link(StringBuilder h, RollingUpgrade.Run run) {
        run.loadRun().ifPresent(p -> h.append("<p><a href=\"../").append(esc(p.getFileName().toString())).append("/gatling/index.html\">")
                .append(esc(run.label())).append(": Gatling report</a></p>"));
    }

    private static String secs(JsonNode ms) {
        return ms.isNumber() ? String.format(Locale.ROOT, "%.1f s", ms.asLong() / 1000.0) : "—";
    }

    private static String esc(String s) {
        return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
