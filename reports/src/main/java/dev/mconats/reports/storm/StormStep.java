package dev.mconats.reports.storm;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One member taken down and brought back in a storm (a reconnect storm has one step, a rolling restart or rolling
 * upgrade one per member). Unknown counts are -1, unknown ratios NaN.
 *
 * @param nodesOnMemberBefore nodes the member held when the fault hit
 * @param allReconnectedMs    from the fault until every affected node was connected again; -1 never (or unknown)
 * @param meshWholeMs         from the fault until the route mesh was whole again; -1 never (or unknown)
 * @param outageReplyRatio    replies received / expected in the discovery rounds during the outage
 * @param spreadAfter         nodes per server once recovered (nats-server does not move them back)
 * @param injectorBound       the injector ran out of CPU: the recovery time measures the injector, not the servers
 */
public record StormStep(String member, String server, long faultAt, long startedAgainAt, long nodesOnMemberBefore,
                        long affectedNodes, long allReconnectedMs, long meshWholeMs, long outageRounds,
                        long outageRepliesExpected, long outageRepliesReceived, double outageReplyRatio, long afterRounds,
                        long afterOk, long afterKo, long afterMissingReplies, long lostReplies,
                        Map<String, Long> spreadAfter, double injectorMeanUtil, double injectorSaturatedFraction,
                        boolean injectorBound, String verdict, String reason) {
    public StormStep {
        spreadAfter = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(spreadAfter));
    }

    static StormStep parse(JsonNode s) {
        JsonNode outage = s.path("outage_rounds");
        JsonNode after = s.path("after_rounds");
        JsonNode cpu = s.path("injector_cpu");
        Map<String, Long> spread = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = s.path("spread_after").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getValue().isNumber()) {
                spread.put(e.getKey(), e.getValue().asLong());
            }
        }
        double ratio = ratio(outage, "reply_ratio");
        long expected = count(outage, "replies_expected");
        long received = count(outage, "replies_received");
        if (Double.isNaN(ratio) && expected > 0 && received >= 0) {
            ratio = (double) received / expected;
        }
        return new StormStep(text(s, "member"), text(s, "server"), count(s, "fault_at"), count(s, "started_again_at"),
                count(s, "nodes_on_member_before"), count(s, "affected_nodes"), count(s, "all_reconnected_ms"),
                count(s, "mesh_whole_ms"), count(outage, "count"), expected, received, ratio, count(after, "count"),
                count(after, "ok"), count(after, "ko"), count(after, "missing_replies"), count(s, "lost_replies"),
                spread, ratio(cpu, "mean_util"), ratio(cpu, "saturated_fraction"),
                cpu.path("bounded_by_injector").asBoolean(false), text(s, "verdict"), text(s, "reason"));
    }

    public boolean passed() {
        return "PASS".equalsIgnoreCase(verdict);
    }

    static long count(JsonNode n, String f) {
        JsonNode v = n.get(f);
        return v != null && v.isNumber() ? v.asLong() : -1;
    }

    static double ratio(JsonNode n, String f) {
        JsonNode v = n.get(f);
        return v != null && v.isNumber() ? v.asDouble() : Double.NaN;
    }

    static String text(JsonNode n, String f) {
        JsonNode v = n.get(f);
        return v == null || v.isNull() ? null : v.asText();
    }
}
