package dev.mconats.reports.fleet;

import java.util.List;
import java.util.Map;

/**
 * gatling/index.html of a merged run: Gatling cannot merge several injectors' logs, so this page shows the
 * fleet-wide figures from the merge and links each injector's own Gatling report.
 */
final class FleetPage {
    private FleetPage() {
    }

    @SuppressWarnings("unchecked")
    static String render(FleetResult r, Map<String, Object> s) {
        StringBuilder b = new StringBuilder();
        b.append("<!doctype html><html><head><meta charset=\"utf-8\"><title>Fleet run: ").append(esc(String.valueOf(s.get("target"))))
                .append("</title><style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}"
                        + "td,th{border:1px solid #ccc;padding:4px 8px;text-align:right}th:first-child,td:first-child{text-align:left}"
                        + ".failed{color:#b00}.passed{color:#070}</style></head><body>");
        b.append("<h1>Fleet run: ").append(r.fleetSize()).append(" nodes over ").append(r.shardCount()).append(" injectors</h1>");
        b.append("<p>Result: <b class=\"").append(s.get("result")).append("\">").append(s.get("result")).append("</b>. Merged from the ")
                .append("injectors' HdrHistogram interval logs and counters (").append(FleetResult.SUMMARY).append(").</p>");
        Map<String, Object> replies = (Map<String, Object>) s.get("broadcast_replies");
        Map<String, Object> fleet = (Map<String, Object>) s.get("fleet");
        b.append("<table><tr><th>figure</th><th>value</th></tr>");
        row(b, "nodes live (sum of injectors' maxima)", fleet.get("nodes_live_max") + " of " + r.fleetSize());
        row(b, "handshakes ok / failed", fleet.get("handshakes_ok") + " / " + fleet.get("handshakes_failed"));
        row(b, "broadcast replies expected / received / missing", replies.get("expected") + " / " + replies.get("received") + " / " + replies.get("missing"));
        row(b, "replies sent by the nodes", String.valueOf(fleet.get("replies_sent_by_nodes")));
        List<?> missing = (List<?>) fleet.get("missing_shards");
        row(b, "shards without a record", missing.isEmpty() ? "none" : missing.toString());
        b.append("</table><h2>Requests, fleet-wide (OK response times, ms)</h2><table><tr><th>request</th><th>count</th><th>ok</th>"
                + "<th>ko</th><th>p50</th><th>p95</th><th>p99</th><th>max</th></tr>");
        ((Map<String, Map<String, Object>>) s.get("requests")).forEach((name, m) -> b.append("<tr><td>").append(esc(name)).append("</td>")
                .append(cell(m.get("count"))).append(cell(m.get("ok"))).append(cell(m.get("ko"))).append(cell(m.get("p50_ms")))
                .append(cell(m.get("p95_ms"))).append(cell(m.get("p99_ms"))).append(cell(m.get("max_ms"))).append("</tr>"));
        b.append("</table><h2>Injectors</h2><table><tr><th>shard</th><th>nodes</th><th>max live</th><th>replies sent</th>"
                + "<th>assertions</th><th>Gatling report</th></tr>");
        for (Map<String, Object> m : (List<Map<String, Object>>) s.get("injectors")) {
            Object report = m.get("gatling_report");
            // this page lives in gatling/: the injectors' folders are one level up
            String link = report == null ? "none" : "<a href=\"../" + esc(report.toString()) + "\">" + esc(report.toString()) + "</a>";
            b.append("<tr><td>").append(m.get("shard")).append("</td>").append(cell(m.get("nodes"))).append(cell(m.get("max_live")))
                    .append(cell(m.get("replies_sent"))).append("<td>").append(Boolean.TRUE.equals(m.get("assertions_passed")) ? "held" : "FAILED")
                    .append(m.containsKey("problem") ? " (" + esc(m.get("problem").toString()) + ")" : "")
                    .append(m.containsKey("failed_assertions") ? ": " + esc(String.join("; ", (List<String>) m.get("failed_assertions"))) : "")
                    .append("</td><td>")
                    .append(link).append("</td></tr>");
        }
        b.append("</table></body></html>\n");
        return b.toString();
    }

    private static void row(StringBuilder b, String k, String v) {
        b.append("<tr><td>").append(esc(k)).append("</td><td>").append(esc(v)).append("</td></tr>");
    }

    private static String cell(Object v) {
        return "<td>" + (v == null ? "" : esc(v.toString())) + "</td>";
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
