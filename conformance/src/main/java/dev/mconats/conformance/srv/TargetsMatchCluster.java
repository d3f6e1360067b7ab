package dev.mconats.conformance.srv;

import dev.mconats.conformance.ClusterCheck;
import dev.mconats.conformance.ClusterView;
import dev.mconats.conformance.ConformanceContext;
import dev.mconats.conformance.Discovery;
import dev.mconats.conformance.Evidence;
import dev.mconats.conformance.Node;
import dev.mconats.conformance.ServerReach;
import dev.mconats.conformance.Sources;
import dev.mconats.conformance.Verdict;
import dev.mconats.srv.SrvRecord;
import dev.mconats.targetmodel.ServerAddress;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * srv/targets-match-cluster: the servers the SRV records name are exactly the members of the cluster, as the servers
 * themselves report it (INFO connect_urls and /routez). Names every extra target and every missing member.
 */
public final class TargetsMatchCluster extends ClusterCheck {
    public TargetsMatchCluster() {
        super("srv/targets-match-cluster",
                "The SRV target set equals the cluster membership seen by the servers (INFO connect_urls, /routez).",
                Sources.SEED + ": one SRV record per server of the full mesh; nodes connect only to the servers the records name "
                        + "(https://choria.io/docs/deployment/dns/)");
    }

    @Override
    protected Verdict check(ConformanceContext ctx) {
        Evidence ev = new Evidence();
        Discovery d = ctx.discovery();
        if (d.srv().isEmpty()) {
            return Verdict.skip("the target names no srv.domain", ev);
        }
        if (!d.dnsProblem().isEmpty()) {
            return Verdict.fail("the SRV records cannot be read: " + d.dnsProblem(), ev);
        }
        ClusterView view = ctx.clusterView();
        List<Node> cluster = view.cluster();
        ev.note("cluster seen by the servers: " + cluster.stream().map(Node::label).toList() + ", advertising "
                + view.memberEndpoints() + (view.memberIds().isEmpty() ? "" : ", " + view.memberIds().size() + " server id(s) in /routez"));
        if (view.groups().size() > 1) {
            ev.note("separate groups: " + view.groups().stream().map(g -> g.stream().map(Node::label).toList()).toList());
        }

        List<String> extra = new ArrayList<>();
        Set<String> srvEndpoints = new LinkedHashSet<>();
        Set<String> coveredIds = new LinkedHashSet<>();
        for (SrvRecord r : d.records()) {
            ServerAddress a = new ServerAddress(r.target(), r.port());
            Optional<String> ep = ctx.endpoint(a.host(), a.port());
            ev.received("SRV target " + a + (ep.map(e -> " -> " + e).orElse(" does not resolve")));
            if (ep.isEmpty()) {
                extra.add(a + " (does not resolve)");
                continue;
            }
            srvEndpoints.add(ep.get());
            Optional<Node> member = cluster.stream().filter(n -> ClusterView.endpoint(n).equals(ep.get())).findFirst();
            if (member.isPresent()) {
                coveredIds.add(member.get().info().serverId());
                continue;
            }
            Optional<Node> outsider = ctx.nodes().stream().filter(n -> ClusterView.endpoint(n).equals(ep.get())).findFirst();
            if (outsider.isPresent()) {
                extra.add(a + " (answers, but is not routed to the cluster of " + cluster.stream().map(Node::label).toList() + ")");
            } else if (!view.memberEndpoints().contains(ep.get())) {
                extra.add(a + " (" + problem(ctx, a).orElse("not a client URL of any member") + ")");
            }
        }

        List<String> missing = new ArrayList<>();
        Set<String> uncovered = view.memberEndpoints().stream().filter(e -> !srvEndpoints.contains(e))
                .collect(Collectors.toCollection(LinkedHashSet::new));
        boolean routesKnown = cluster.stream().allMatch(n -> view.routeIds(n).isPresent());
        if (routesKnown) {
            // By server id: a member advertising several addresses counts once.
            for (String id : view.memberIds()) {
                if (!coveredIds.contains(id)) {
                    missing.add(view.nameOf(id));
                }
            }
            if (!missing.isEmpty() && !uncovered.isEmpty()) {
                ev.note("client URLs advertised by the cluster that no SRV record names: " + uncovered);
            }
        } else {
            missing.addAll(uncovered);
        }

        if (extra.isEmpty() && missing.isEmpty()) {
            return Verdict.pass("the " + d.records().size() + " SRV target(s) are exactly the " + cluster.size() + " member(s) of the cluster", ev);
        }
        List<String> parts = new ArrayList<>();
        if (!extra.isEmpty()) {
            parts.add("not members: " + String.join(", ", extra));
        }
        if (!missing.isEmpty()) {
            parts.add("members without an SRV record: " + String.join(", ", missing)
                    + (routesKnown && !uncovered.isEmpty() ? " (advertising " + uncovered + ")" : ""));
        }
        return Verdict.fail(String.join("; ", parts), ev);
    }

    private static Optional<String> problem(ConformanceContext ctx, ServerAddress a) {
        return ctx.reach().stream().filter(r -> r.address().equals(a) && !r.answered()).map(ServerReach::problem).findFirst();
    }
}
