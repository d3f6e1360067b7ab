package dev.mconats.conformance.routes;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mconats.conformance.ClusterView;
import dev.mconats.conformance.ConformanceContext;
import dev.mconats.conformance.Evidence;
import dev.mconats.conformance.Node;
import dev.mconats.conformance.NodeCheck;
import dev.mconats.conformance.Sources;
import dev.mconats.conformance.Verdict;
import dev.mconats.conformance.probe.MonitorClient;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * routes/full-mesh: each node has a route to every other node, and at least expected-size - 1 routes (the target's
 * cluster.expected-size, else the number of distinct servers found).
 */
public final class FullMesh extends NodeCheck {
    public FullMesh() {
        super("routes/full-mesh",
                "Every node has a route to each of the other n-1 nodes (matched by server id).",
                Sources.SEED + ": \"In the routes section just configure a full mesh, node 1 to 2 and 3, node 2 to 1 and 3\"");
    }

    @Override
    protected Verdict check(ConformanceContext ctx, Node node) {
        Evidence ev = new Evidence();
        if (node.monitor().isEmpty()) {
            return Verdict.skip("no monitor endpoint to read /routez from: " + node.monitorProblem() + " (see monitor/limits)", ev);
        }
        ClusterView view = ctx.clusterView();
        MonitorClient.Reply routez = view.routez(node).orElseThrow();
        ev.sent("GET " + routez.url());
        if (!routez.ok()) {
            ev.received(routez.problem());
            return Verdict.skip("/routez unreadable: " + routez.problem() + " (see monitor/limits)", ev);
        }
        ev.time("answer in " + Evidence.ms(routez.nanos()));
        for (JsonNode r : routez.json().path("routes")) {
            String id = r.path("remote_id").asText("");
            ev.received("route to " + view.nameOf(id) + " (" + id + ") " + r.path("ip").asText("") + ":" + r.path("port").asText("")
                    + ", solicited " + r.path("did_solicit").asBoolean() + ", rtt " + r.path("rtt").asText("?"));
        }
        Set<String> ids = view.routeIds(node).orElse(Set.of());
        // peers are the other servers: a second name for this very server (two SRV targets, one address) is not a peer
        List<Node> peers = ctx.nodes().stream().filter(n -> !n.info().serverId().equals(node.info().serverId())).toList();
        List<String> missing = peers.stream().filter(p -> !ids.contains(p.info().serverId())).map(Node::label).toList();
        ConformanceContext.ExpectedSize expected = ctx.expectedClusterSize();
        ev.note("expected mesh size " + expected);
        int need = expected.size() - 1;
        if (!missing.isEmpty()) {
            return Verdict.fail("no route to " + String.join(", ", missing) + " (" + ids.size() + " route(s) in all)", ev);
        }
        if (ids.size() < need) {
            return Verdict.fail("has " + ids.size() + " route(s); an expected mesh of " + expected.size() + " needs " + need, ev);
        }
        Optional<String> others = ids.stream().filter(id -> peers.stream().noneMatch(p -> p.info().serverId().equals(id)))
                .map(view::nameOf).reduce((a, b) -> a + ", " + b);
        others.ifPresent(o -> ev.note("also routed to members the suite did not reach: " + o));
        if (need == 0 && ids.isEmpty()) {
            return Verdict.pass("a cluster of one needs no routes (expected mesh size " + expected + ")", ev);
        }
        return Verdict.pass("routes to all " + ids.size() + " other member(s): " + peers.stream().map(Node::label).toList(), ev);
    }
}
