package dev.mconats.reports.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Writes a load-summary.json in the shape the load runner and the storm simulations write, for report tests. */
public final class LoadSummaryFixture {
    private static final ObjectMapper JSON = new ObjectMapper();

    public String simulation = "ClusterScaling";
    public boolean held = true;
    public double discoveryP50Ms = 180;
    public List<String> assertions = new ArrayList<>(List.of(
            "discovery: percentage of successful events is 100.0 : true (actual : 100.0)",
            "discovery: 99th percentile of response time is less than or equal to 3000.0 : true (actual : 412.0)"));
    public ObjectNode storm;

    public Path write(Path runDir) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("simulation", simulation);
        root.putObject("requests").putObject("discovery").put("count", 3).put("ok", 3).put("ko", 0).put("p50_ms", discoveryP50Ms);
        if (storm != null) {
            root.set("storm", storm);
        }
        ObjectNode g = root.putObject("gatling");
        g.put("exit_code", held ? 0 : 2);
        g.put("assertions_passed", held);
        ArrayNode a = g.putArray("assertions");
        assertions.forEach(a::add);
        Files.createDirectories(runDir);
        Path file = runDir.resolve("load-summary.json");
        JSON.writeValue(file.toFile(), root);
        return file;
    }

    /**
     * A rolling restart of 3 members holding {@code nodesPerMember} each: every restarted member's nodes spread over
     * the others, so the later members hold more; {@code boundStep} (0-based, or -1) ran with the injector saturated.
     */
    public static ObjectNode rollingRestart(long nodesPerMember, int boundStep) {
        ObjectNode s = JSON.createObjectNode();
        s.put("kind", "RollingRestart");
        s.put("fault", "stop");
        s.put("down_for_ms", 5000);
        s.put("members", 3);
        s.put("fleet_size", 3 * nodesPerMember);
        s.put("verdict", "PASS");
        s.put("reason", "every member's nodes came back");
        s.put("bounded_by_injector", boundStep >= 0);
        ArrayNode steps = s.putArray("steps");
        long[] held = {nodesPerMember, nodesPerMember, nodesPerMember};
        for (int i = 0; i < 3; i++) {
            long moved = held[i];
            ObjectNode t = steps.addObject();
            t.put("member", "node" + (i + 1));
            t.put("server", "127.0.9." + (11 + i) + ":4222");
            t.put("fault_at", 1_800_000_000_000L + i * 20_000L);
            t.put("started_again_at", 1_800_000_005_000L + i * 20_000L);
            t.put("nodes_on_member_before", moved);
            t.put("affected_nodes", moved);
            t.put("all_reconnected_ms", 900 + moved / 2);
            t.put("mesh_whole_ms", 5400);
            t.putObject("outage_rounds").put("count", 2).put("replies_expected", 6 * nodesPerMember)
                    .put("replies_received", 6 * nodesPerMember - moved).put("reply_ratio", 1 - moved / (6.0 * nodesPerMember));
            t.putObject("after_rounds").put("count", 2).put("ok", 2).put("ko", 0).put("missing_replies", 0);
            t.put("lost_replies", moved);
            held[i] = 0;
            for (int o = 0; o < 3; o++) {
                if (o != i) {
                    held[o] += moved / 2;
                }
            }
            ObjectNode spread = t.putObject("spread_after");
            for (int o = 0; o < 3; o++) {
                spread.put("127.0.9." + (11 + o) + ":4222", held[o]);
            }
            t.putObject("injector_cpu").put("mean_util", i == boundStep ? 0.97 : 0.41)
                    .put("saturated_fraction", i == boundStep ? 0.8 : 0.0).put("bounded_by_injector", i == boundStep);
            t.put("verdict", "PASS");
            t.put("reason", "all " + moved + " affected nodes back");
        }
        return s;
    }
}
