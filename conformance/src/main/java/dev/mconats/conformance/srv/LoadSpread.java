package dev.mconats.conformance.srv;

import dev.mconats.conformance.ClusterCheck;
import dev.mconats.conformance.ClusterView;
import dev.mconats.conformance.ConformanceContext;
import dev.mconats.conformance.Discovery;
import dev.mconats.conformance.Evidence;
import dev.mconats.conformance.Node;
import dev.mconats.conformance.Verdict;
import dev.mconats.conformance.probe.MonitorClient;
import dev.mconats.srv.Rfc2782;
import dev.mconats.srv.SrvRecord;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Collectors;

/**
 * srv/load-spread: how the deployment's SRV records spread a fleet's first connections. Nodes try the records in
 * RFC 2782 order (lowest priority first, weighted draw within it), moving on past a target that does not answer; so
 * each record gets an exact share of the fleet ({@link Rfc2782#firstConnectionShares}), and each member the sum of
 * its records' shares. That share times {@code expected-fleet-size} must fit the member's {@code max_connections}
 * (from its {@code /varz}): more is a FAIL. A spread far from even over equal members, a member that gets no first
 * connections at all, a duplicate record and two targets with one address are WARNs; records are never collapsed,
 * so a member named twice really counts twice.
 */
public final class LoadSpread extends ClusterCheck {
    /** A member's share may exceed an even share by this factor before the spread counts as far from even. */
    static final double UNEVEN = 1.5;

    public LoadSpread() {
        super("srv/load-spread",
                "The SRV records spread a fleet's first connections so that no member gets more nodes than its max_connections, "
                        + "and equal members get about equal shares.",
                "RFC 2782 \"Usage rules\" (priority, then weighted order); nodes follow the records "
                        + "(mcollective-choria lib/mcollective/util/choria.rb; https://choria.io/docs/deployment/dns/)");
    }

    /** A member: a node the suite reached, with the records that lead to it. */
    private static final class Member {
        final Node node;
        final List<SrvRecord> records = new ArrayList<>();
        double share;
        OptionalLong maxConnections = OptionalLong.empty();
        String capacityProblem = "";

        Member(Node node) {
            this.node = node;
        }
    }

    @Override
    protected Verdict check(ConformanceContext ctx) {
        Evidence ev = new Evidence();
        Discovery d = ctx.discovery();
        List<SrvRecord> records = d.records();
        if (d.srv().isEmpty() || !d.dnsProblem().isEmpty() || records.isEmpty()) {
            return Verdict.skip(d.srv().isEmpty() ? "the target names no srv.domain" : (d.dnsProblem().isEmpty()
                    ? "no SRV records to spread a fleet" : "the SRV records cannot be read: " + d.dnsProblem()) + " (see srv/records-present)", ev);
        }
        long fleet = ctx.target().expectedFleetSize();
        ev.note("expected-fleet-size " + fleet + "; first connections in RFC 2782 order over " + records.size() + " record(s) of "
                + (d.primary().isEmpty() ? d.srv().get().legacyServiceName() : d.srv().get().serviceName()));

        // Each record leads to the node at its resolved address, or nowhere (its clients move on in their order).
        List<Optional<Node>> leadsTo = new ArrayList<>();
        Map<String, List<SrvRecord>> byEndpoint = new LinkedHashMap<>();
        for (SrvRecord r : records) {
            Optional<String> ep = ctx.endpoint(r.target(), r.port());
            ep.ifPresent(e -> byEndpoint.computeIfAbsent(e, k -> new ArrayList<>()).add(r));
            leadsTo.add(ep.flatMap(e -> ctx.nodes().stream().filter(n -> ClusterView.endpoint(n).equals(e)).findFirst()));
        }
        double[] shares = Rfc2782.firstConnectionShares(records, r -> leadsTo.get(records.indexOf(r)).isPresent());

        Map<Node, Member> members = new LinkedHashMap<>();
        for (int i = 0; i < records.size(); i++) {
            SrvRecord r = records.get(i);
            Optional<Node> n = leadsTo.get(i);
            ev.received(String.format(Locale.ROOT, "SRV %s -> %s: %.1f%% of first connections", r,
                    n.map(x -> x.label() + " (" + ClusterView.endpoint(x) + ")").orElse("no NATS client port answers there; its nodes move on"),
                    100 * shares[i]));
            if (n.isPresent()) {
                Member m = members.computeIfAbsent(n.get(), Member::new);
                m.records.add(r);
                m.share += shares[i];
            }
        }
        for (Node n : ctx.clusterView().cluster()) {
            members.computeIfAbsent(n, Member::new); // a member no record names gets no first connections
        }
        members.values().forEach(m -> capacity(ctx, m));

        List<String> failures = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (Member m : members.values()) {
            double nodes = m.share * fleet;
            String line = String.format(Locale.ROOT, "%s: %.1f%% of first connections = %.0f of %d nodes, max_connections %s", m.node.label(),
                    100 * m.share, nodes, fleet, m.maxConnections.isPresent() ? Long.toString(m.maxConnections.getAsLong()) : "unknown");
            ev.note(line);
            if (m.maxConnections.isEmpty()) {
                unknown.add(m.node.label() + " (" + m.capacityProblem + ")");
            } else if (nodes > m.maxConnections.getAsLong()) {
                failures.add(String.format(Locale.ROOT, "%s would get %.0f of %d nodes' first connections but accepts max_connections %d",
                        m.node.label(), Math.ceil(nodes), fleet, m.maxConnections.getAsLong()));
            }
            if (m.share == 0) {
                warnings.add(m.node.label() + " gets no first connections (" + (m.records.isEmpty() ? "no SRV record names it"
                        : "its records' priority " + m.records.get(0).priority() + " is tried only when every lower one fails") + ")");
            }
            if (m.records.size() > 1) {
                List<String> targets = m.records.stream().map(SrvRecord::target).distinct().toList();
                warnings.add((targets.size() > 1 ? "two targets with one address: " + targets + " -> " + ClusterView.endpoint(m.node)
                        : "duplicate records for " + targets.get(0)) + "; " + m.node.label() + " gets the shares of all "
                        + m.records.size() + " (" + m.records.stream().map(SrvRecord::toString).collect(Collectors.joining(", ")) + ")");
            }
        }
        byEndpoint.forEach((ep, rs) -> {
            List<String> targets = rs.stream().map(SrvRecord::target).distinct().toList();
            if (targets.size() > 1 && members.values().stream().noneMatch(m -> ClusterView.endpoint(m.node).equals(ep))) {
                warnings.add("two targets with one address: " + targets + " -> " + ep);
            }
        });
        // members the suite knows only from the routes (their client port is named by no record it followed)
        ClusterView view = ctx.clusterView();
        view.memberIds().stream()
                .filter(id -> members.keySet().stream().noneMatch(n -> n.info().serverId().equals(id)))
                .forEach(id -> warnings.add(view.nameOf(id) + " (routed to the cluster) gets no first connections: no SRV record leads to "
                        + "its client port"));
        uneven(members, ev).ifPresent(warnings::add);

        String spread = members.values().stream().map(m -> String.format(Locale.ROOT, "%s %.1f%%", m.node.label(), 100 * m.share))
                .collect(Collectors.joining(", "));
        if (!failures.isEmpty()) {
            return Verdict.fail(String.join("; ", failures), ev);
        }
        if (!warnings.isEmpty()) {
            return Verdict.warn(String.join("; ", warnings) + " (" + spread + ")", ev);
        }
        if (!unknown.isEmpty()) {
            return Verdict.skip("max_connections unknown for " + String.join(", ", unknown) + ", so the spread (" + spread
                    + ") cannot be judged against it (see monitor/limits)", ev);
        }
        return Verdict.pass("first connections of " + fleet + " nodes: " + spread + ", each within its max_connections", ev);
    }

    /** Far from even while the members are equal: the busiest gets more than {@link #UNEVEN} times an even share. */
    private static Optional<String> uneven(Map<Node, Member> members, Evidence ev) {
        List<Member> ms = List.copyOf(members.values());
        if (ms.size() < 2 || ms.stream().anyMatch(m -> m.maxConnections.isEmpty())
                || ms.stream().map(m -> m.maxConnections.getAsLong()).distinct().count() > 1) {
            return Optional.empty(); // members of different sizes may be weighted on purpose
        }
        double even = 1.0 / ms.size();
        Member busiest = ms.stream().max((a, b) -> Double.compare(a.share, b.share)).orElseThrow();
        if (busiest.share <= UNEVEN * even) {
            return Optional.empty();
        }
        ev.note(String.format(Locale.ROOT, "members are equal (max_connections %d each); an even share is %.1f%%",
                busiest.maxConnections.getAsLong(), 100 * even));
        return Optional.of(String.format(Locale.ROOT, "the spread is far from even over equal members: %s gets %.1f%%, %.1fx an even share of %.1f%%",
                busiest.node.label(), 100 * busiest.share, busiest.share / even, 100 * even));
    }

    private static void capacity(ConformanceContext ctx, Member m) {
        Optional<MonitorClient.Reply> varz = ctx.varz(m.node);
        if (varz.isEmpty()) {
            m.capacityProblem = "no monitor endpoint: " + m.node.monitorProblem();
        } else if (!varz.get().ok()) {
            m.capacityProblem = "/varz: " + varz.get().problem();
        } else if (!varz.get().json().path("server_id").asText("").equals(m.node.info().serverId())) {
            m.capacityProblem = "the monitor endpoint belongs to another server";
        } else {
            long max = varz.get().json().path("max_connections").asLong(-1);
            if (max < 0) {
                m.capacityProblem = "/varz has no max_connections";
            } else {
                m.maxConnections = OptionalLong.of(max);
            }
        }
    }
}
