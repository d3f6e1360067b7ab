package dev.mconats.conformance.routes;

import dev.mconats.conformance.ClusterView;
import dev.mconats.conformance.ConformanceContext;
import dev.mconats.conformance.Evidence;
import dev.mconats.conformance.Node;
import dev.mconats.conformance.NodeCheck;
import dev.mconats.conformance.Verdict;
import java.util.List;
import java.util.Set;

/** routes/client-gossip: the INFO a node sends clients lists every member, so a client can fail over to any of them. */
public final class ClientGossip extends NodeCheck {
    public ClientGossip() {
        super("routes/client-gossip",
                "Each node's INFO advertises all members (connect_urls), so clients can fail over.",
                "NATS client protocol: INFO connect_urls (https://docs.nats.io/reference/reference-protocols/nats-protocol#info); "
                        + "nodes reconnect to an advertised member when their broker restarts");
    }

    @Override
    protected Verdict check(ConformanceContext ctx, Node node) {
        Evidence ev = new Evidence();
        ClusterView view = ctx.clusterView();
        ev.received("INFO connect_urls " + node.info().connectUrls());
        Set<String> advertised = view.advertised(node);
        ev.note("advertised, resolved, with the node itself: " + advertised);
        List<String> missing = ctx.nodes().stream().filter(n -> !advertised.contains(ClusterView.endpoint(n)))
                .map(n -> n.label() + " (" + ClusterView.endpoint(n) + ")").toList();
        ConformanceContext.ExpectedSize expected = ctx.expectedClusterSize();
        ev.note("expected mesh size " + expected);
        if (!missing.isEmpty()) {
            return Verdict.fail("INFO does not advertise " + String.join(", ", missing), ev);
        }
        if (advertised.size() < expected.size()) {
            return Verdict.fail("INFO advertises " + advertised.size() + " client URL(s); the expected mesh size is " + expected, ev);
        }
        return Verdict.pass("INFO advertises all " + advertised.size() + " member(s): " + advertised, ev);
    }
}
