package dev.mconats.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mconats.conformance.probe.MonitorClient;
import dev.mconats.targetmodel.Target;
import dev.mconats.targetmodel.TargetException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The cluster as its servers see it: the client URLs each node advertises in INFO ({@code connect_urls}, gossiped
 * through the routes) and the peers each node has routes to ({@code /routez}). Nodes that reach each other by either
 * signal, seen from both ends, form one group; the largest group is "the cluster". Endpoints are compared resolved, as "ip:port".
 */
public final class ClusterView {
    private final List<Node> nodes;
    private final Map<Node, Set<String>> advertised = new LinkedHashMap<>();
    private final Map<Node, MonitorClient.Reply> routez = new LinkedHashMap<>();
    private final List<List<Node>> groups;

    private ClusterView(ConformanceContext ctx) {
        this.nodes = ctx.nodes();
        for (Node n : nodes) {
            Set<String> adv = new LinkedHashSet<>();
            adv.add(endpoint(n));
            for (String url : n.info().connectUrls()) {
                adv.add(resolve(ctx.target(), url));
            }
            advertised.put(n, adv);
            n.monitor().ifPresent(m -> routez.put(n, ctx.monitor().get(m, "/routez")));
        }
        this.groups = group();
    }

    public static ClusterView of(ConformanceContext ctx) {
        return new ClusterView(ctx);
    }

    /** "ip:port" of a node's client port as the suite reached it. */
    public static String endpoint(Node n) {
        return n.endpoint().getAddress().getHostAddress() + ":" + n.endpoint().getPort();
    }

    /** The client URLs a node advertises (its own included), resolved to "ip:port". */
    public Set<String> advertised(Node n) {
        return advertised.get(n);
    }

    /** The node's /routez answer, if it has a monitor endpoint. */
    public Optional<MonitorClient.Reply> routez(Node n) {
        return Optional.ofNullable(routez.get(n));
    }

    /** Distinct server IDs a node has routes to; empty when its /routez could not be read. */
    public Optional<Set<String>> routeIds(Node n) {
        return routez(n).filter(MonitorClient.Reply::ok).map(r -> {
            Set<String> ids = new LinkedHashSet<>();
            for (JsonNode route : r.json().path("routes")) {
                String id = route.path("remote_id").asText("");
                if (!id.isEmpty()) {
                    ids.add(id);
                }
            }
            return ids;
        });
    }

    /** Groups of nodes connected by routes or gossip, largest first (ties: discovery order). */
    public List<List<Node>> groups() {
        return groups;
    }

    /** The largest group: the cluster the SRV records should describe. */
    public List<Node> cluster() {
        return groups.isEmpty() ? List.of() : groups.get(0);
    }

    /** Server IDs of every member of the cluster: the nodes themselves and every peer they route to. */
    public Set<String> memberIds() {
        Set<String> ids = new LinkedHashSet<>();
        for (Node n : cluster()) {
            ids.add(n.info().serverId());
            routeIds(n).ifPresent(ids::addAll);
        }
        return ids;
    }

    /** Client URLs advertised by the cluster's members. */
    public Set<String> memberEndpoints() {
        Set<String> out = new LinkedHashSet<>();
        cluster().forEach(n -> out.addAll(advertised(n)));
        return out;
    }

    /** The label of the node with this server ID, or the ID itself for a member the suite did not reach. */
    public String nameOf(String serverId) {
        return nodes.stream().filter(n -> n.info().serverId().equals(serverId)).map(Node::label).findFirst()
                .orElse("server " + serverId);
    }

    // Both ends must agree: a node whose route is being refused (wrong route password) lists the half-open route in
    // its /routez, and may hold the peer's gossip, until the peer's -ERR arrives; a one-sided sighting is not a link.
    // A node whose /routez cannot be read leaves the other side's word.
    private boolean linked(Node a, Node b) {
        Optional<Set<String>> ra = routeIds(a);
        Optional<Set<String>> rb = routeIds(b);
        boolean aToB = ra.map(ids -> ids.contains(b.info().serverId())).orElse(false);
        boolean bToA = rb.map(ids -> ids.contains(a.info().serverId())).orElse(false);
        boolean routed = (aToB || ra.isEmpty()) && (bToA || rb.isEmpty()) && (aToB || bToA);
        boolean gossiped = advertised(a).contains(endpoint(b)) && advertised(b).contains(endpoint(a));
        return routed || gossiped;
    }

    private List<List<Node>> group() {
        List<List<Node>> out = new ArrayList<>();
        Set<Node> seen = new LinkedHashSet<>();
        for (Node start : nodes) {
            if (!seen.add(start)) {
                continue;
            }
            List<Node> g = new ArrayList<>(List.of(start));
            for (int i = 0; i < g.size(); i++) {
                for (Node other : nodes) {
                    if (!seen.contains(other) && linked(g.get(i), other)) {
                        seen.add(other);
                        g.add(other);
                    }
                }
            }
            g.sort((x, y) -> Integer.compare(nodes.indexOf(x), nodes.indexOf(y)));
            out.add(g);
        }
        out.sort((x, y) -> Integer.compare(y.size(), x.size()));
        return out;
    }

    /** Resolves an advertised "host:port" (an address, or a name via client_advertise) to "ip:port". */
    static String resolve(Target target, String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        if (colon < 1) {
            return hostPort;
        }
        String host = hostPort.substring(0, colon).replace("[", "").replace("]", "");
        try {
            return target.resolve(host).getHostAddress() + hostPort.substring(colon);
        } catch (TargetException e) {
            return hostPort;
        }
    }
}
