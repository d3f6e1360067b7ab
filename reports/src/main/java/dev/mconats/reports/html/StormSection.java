package dev.mconats.reports.html;

import static dev.mconats.reports.html.Html.esc;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mconats.reports.run.LoadResult;
import dev.mconats.reports.run.RunAnalysis;
import dev.mconats.reports.storm.StormResult;
import dev.mconats.reports.storm.StormStep;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Storm results: per run a table of its steps (member taken down, nodes it held, time until every affected node was
 * back, replies received during the outage, where the nodes ended up, whether the injector bounded the result); and
 * for the whole index one chart of recovery time against nodes per member over every storm run.
 */
public final class StormSection {
    private static final ObjectMapper JSON = new ObjectMapper();

    private StormSection() {
    }

    /** The steps of one storm as a table (also used for the rolling-upgrade rehearsal's steps). */
    public static void steps(StringBuilder h, StormResult s) {
        h.append("<p>").append(esc(s.kind() == null ? "storm" : s.kind())).append(", fault <code>").append(esc(s.fault()))
                .append("</code>").append(s.downForMs() >= 0 ? ", each member down for " + esc(Fmt.millis(s.downForMs())) : "")
                .append(s.fleetSize() >= 0 ? ", fleet of " + esc(Fmt.count(s.fleetSize())) + " nodes" : "")
                .append(s.members() >= 0 ? " on " + s.members() + " members" : "").append(": <span class=\"badge ")
                .append(s.boundedByInjector() ? "warn\">bounded by the injector" : s.passed() ? "good\">passed" : "bad\">failed")
                .append("</span>").append(s.reason() == null ? "" : " " + esc(s.reason())).append("</p>\n");
        if (s.boundedByInjector()) {
            h.append("<p class=\"note\">The injector ran out of CPU during a recovery: those times measure the injector, "
                    + "not the servers (an upper bound on what the servers need). Use more injectors (fleet) to measure the servers.</p>\n");
        }
        h.append("<div class=\"scroll\"><table class=\"storm\"><thead><tr><th>member</th><th>nodes on it</th><th>affected</th>")
                .append("<th>all back after</th><th>mesh whole after</th><th>replies during outage</th><th>rounds after</th>")
                .append("<th>lost replies</th><th>nodes per server after</th><th>injector CPU</th><th>verdict</th></tr></thead><tbody>");
        for (StormStep t : s.steps()) {
            h.append("<tr><td>").append(esc(t.member())).append(t.server() == null ? "" : " <small>" + esc(t.server()) + "</small>")
                    .append("</td><td class=\"num\">").append(esc(count(t.nodesOnMemberBefore()))).append("</td><td class=\"num\">")
                    .append(esc(count(t.affectedNodes()))).append("</td><td class=\"num\">")
                    .append(t.allReconnectedMs() < 0 ? "<span class=\"badge bad\">not all</span>" : esc(Fmt.millis(t.allReconnectedMs())))
                    .append("</td><td class=\"num\">").append(esc(t.meshWholeMs() < 0 ? Fmt.UNKNOWN : Fmt.millis(t.meshWholeMs())))
                    .append("</td><td class=\"num\">").append(esc(Double.isFinite(t.outageReplyRatio())
                            ? Fmt.num(100 * t.outageReplyRatio(), 1) + " %" : Fmt.UNKNOWN))
                    .append(t.outageRepliesExpected() >= 0 ? " <small>" + esc(count(t.outageRepliesReceived())) + " of "
                            + esc(count(t.outageRepliesExpected())) + "</small>" : "")
                    .append("</td><td class=\"num\">").append(t.afterRounds() < 0 ? Fmt.UNKNOWN : esc(count(t.afterOk())) + " ok, "
                            + esc(count(t.afterKo())) + " ko").append("</td><td class=\"num\">").append(esc(count(t.lostReplies())))
                    .append("</td><td>").append(esc(spread(t.spreadAfter()))).append("</td><td>")
                    .append(esc(Double.isFinite(t.injectorMeanUtil()) ? Fmt.num(100 * t.injectorMeanUtil(), 0) + " % mean" : Fmt.UNKNOWN))
                    .append(Double.isFinite(t.injectorSaturatedFraction()) ? ", " + esc(Fmt.num(100 * t.injectorSaturatedFraction(), 0))
                            + " % saturated" : "").append(t.injectorBound() ? " <span class=\"badge warn\">bound</span>" : "")
                    .append("</td><td><span class=\"badge ").append(t.passed() ? "good" : "bad").append("\">")
                    .append(esc(t.verdict() == null ? "?" : t.verdict().toLowerCase(java.util.Locale.ROOT))).append("</span>")
                    .append(t.reason() == null ? "" : " <small>" + esc(t.reason()) + "</small>").append("</td></tr>");
        }
        h.append("</tbody></table></div>\n");
    }

    private static String count(long n) {
        return n < 0 ? Fmt.UNKNOWN : Fmt.count(n);
    }

    private static String spread(Map<String, Long> spread) {
        return spread.isEmpty() ? Fmt.UNKNOWN : spread.entrySet().stream()
                .map(e -> e.getKey() + " " + Fmt.count(e.getValue())).collect(Collectors.joining(" · "));
    }

    static boolean any(List<RunAnalysis> runs) {
        return runs.stream().anyMatch(r -> r.load().flatMap(LoadResult::storm).isPresent());
    }

    /** The index-level card: recovery time against nodes per member, one point per step of every storm run. */
    static void overview(StringBuilder h, List<RunAnalysis> runs) {
        h.append("<section class=\"card\" id=\"storms\"><h2>Storms: recovery time against nodes per member</h2>\n")
                .append("<p>Each point is one member taken down in a reconnect storm or rolling restart: the nodes it held, ")
                .append("and the time until every one of them was connected again. Hollow points: the injector was out of CPU, ")
                .append("so the time is an upper bound on the servers'.</p>\n<figure><figcaption>Recovery time against nodes per member")
                .append("</figcaption><div class=\"chart\" data-chart=\"storms\"></div></figure></section>\n");
    }

    static ArrayNode data(List<RunAnalysis> runs) {
        ArrayNode out = JSON.createArrayNode();
        for (RunAnalysis r : runs) {
            r.load().flatMap(LoadResult::storm).ifPresent(s -> s.steps().forEach(t -> {
                long nodes = t.nodesOnMemberBefore() >= 0 ? t.nodesOnMemberBefore() : t.affectedNodes();
                if (nodes < 0 || t.allReconnectedMs() < 0) {
                    return;
                }
                ObjectNode p = out.addObject();
                p.put("run", r.id());
                p.put("series", (s.kind() == null ? "storm" : s.kind()) + " (" + s.fault() + ")");
                p.put("member", t.member());
                p.put("nodes", nodes);
                p.put("ms", t.allReconnectedMs());
                p.put("bound", t.injectorBound());
            }));
        }
        return out;
    }
}
