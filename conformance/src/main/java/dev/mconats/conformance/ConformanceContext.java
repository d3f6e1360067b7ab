package dev.mconats.conformance;

import dev.mconats.conformance.probe.CapturingTrustManager;
import dev.mconats.conformance.probe.Exchange;
import dev.mconats.conformance.probe.HandshakeGate;
import dev.mconats.conformance.probe.MonitorClient;
import dev.mconats.conformance.probe.NatsInfo;
import dev.mconats.conformance.probe.RawNats;
import dev.mconats.conformance.probe.TlsWarmup;
import dev.mconats.targetmodel.ServerAddress;
import dev.mconats.targetmodel.Target;
import dev.mconats.targetmodel.TargetException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Everything the checks of one run share: the target, how its servers were found, which of them answer as NATS
 * client ports (the nodes), the TLS material, monitor answers, and the outcome of the trusted "control" session per
 * node. Built by {@link #prepare}, which refuses a target that cannot be tested at all.
 */
public final class ConformanceContext implements AutoCloseable {
    private final Target target;
    private final Settings settings;
    private final Discovery discovery;
    private final List<ServerReach> reach;
    private final List<Node> nodes;
    private final TlsMaterial tls;
    private final MonitorClient monitor;
    private final HandshakeGate handshakes;
    private final String runToken = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
    private final AtomicLong probes = new AtomicLong();
    private final Map<String, Control> controls = new ConcurrentHashMap<>();
    private ClusterView clusterView;

    /** The trusted client's session on a node: the baseline every refusal is compared with. */
    public record Control(Exchange exchange, List<String> evidence) {
    }

    /** How many servers the mesh should have, and where the number comes from (said in the evidence). */
    public record ExpectedSize(int size, String source) {
        @Override
        public String toString() {
            return size + " (" + source + ")";
        }
    }

    private ConformanceContext(Target target, Settings settings, Discovery discovery, List<ServerReach> reach, TlsMaterial tls,
                               MonitorClient monitor) {
        this.target = target;
        this.settings = settings;
        this.discovery = discovery;
        this.reach = List.copyOf(reach);
        this.nodes = reach.stream().flatMap(r -> r.node().stream()).toList();
        this.tls = tls;
        this.monitor = monitor;
        this.handshakes = new HandshakeGate(settings.handshakesInFlight());
    }

    /**
     * Loads the TLS material, finds the servers and reaches out to each. Throws {@link TargetUnreachableException}
     * when no server answers, so that an unreachable target is one line, not a report full of failures.
     */
    public static ConformanceContext prepare(Target target, Settings settings) {
        TlsMaterial tls = TlsMaterial.load(target.tls());
        TlsWarmup.run(tls.client());
        Discovery discovery = Discovery.of(target);
        List<ServerReach> reach = Parallel.map(discovery.servers(), s -> reach(target, settings, s));
        if (reach.stream().noneMatch(ServerReach::answered)) {
            List<String> why = reach.stream().map(r -> r.address() + " " + r.problem()).toList();
            throw new TargetUnreachableException("no server of '" + target.name() + "' answers (" + discovery.describe() + "): "
                    + String.join("; ", why));
        }
        MonitorClient monitor = new MonitorClient(settings.answerTimeout());
        ConformanceContext ctx = new ConformanceContext(target, settings, discovery, withMonitors(target, reach, monitor), tls, monitor);
        // One trusted session alone before the checks start side by side: it pays the JVM's first-TLS cost (class
        // loading, JIT of the key operations) while nothing else competes for the CPU.
        ctx.nodes().stream().filter(n -> n.info().offersTls()).findFirst().ifPresent(ctx::control);
        return ctx;
    }

    private static ServerReach reach(Target target, Settings settings, ServerAddress server) {
        Evidence ev = new Evidence();
        InetAddress ip;
        try {
            ip = resolve(target, server.host());
        } catch (TargetException e) {
            ev.note(e.getMessage());
            return new ServerReach(server, Optional.empty(), Optional.empty(), "does not resolve", ev.lines());
        }
        InetSocketAddress endpoint = new InetSocketAddress(ip, server.port());
        ev.note(server.host() + " resolves to " + ip.getHostAddress());
        try (RawNats c = RawNats.open(endpoint, settings.connectTimeout(), ev)) {
            NatsInfo info;
            try {
                info = c.readInfo(settings.answerTimeout());
            } catch (IOException e) {
                return new ServerReach(server, Optional.of(endpoint), Optional.empty(),
                        "accepts TCP on " + RawNats.label(endpoint) + " but is not a NATS client port (" + RawNats.oneLine(e) + ")", ev.lines());
            }
            if (info.isRoutePort()) {
                return new ServerReach(server, Optional.of(endpoint), Optional.empty(),
                        "is a NATS route (cluster) port, not a client port: its INFO carries route fields", ev.lines());
            }
            Node node = new Node(server, endpoint, info, Optional.empty(), "");
            return new ServerReach(server, Optional.of(endpoint), Optional.of(node), "", ev.lines());
        } catch (IOException e) {
            return new ServerReach(server, Optional.of(endpoint), Optional.empty(),
                    "does not accept connections on " + RawNats.label(endpoint) + " (" + RawNats.oneLine(e) + ")", ev.lines());
        }
    }

    /** A lookup over UDP may be lost; a resolver asks again, and so does the suite, once. */
    private static InetAddress resolve(Target target, String host) {
        try {
            return target.resolve(host);
        } catch (TargetException first) {
            return target.resolve(host);
        }
    }

    /**
     * Pairs nodes with monitor endpoints. Listed monitors are matched by the server_id their /varz reports (SRV order
     * is random, list positions mean nothing); without a list, {@code http://<address>:<monitor-port>}.
     */
    private static List<ServerReach> withMonitors(Target target, List<ServerReach> reach, MonitorClient monitor) {
        Map<String, URI> byId = new HashMap<>();
        List<String> unanswered = new ArrayList<>();
        if (!target.monitors().isEmpty()) {
            List<MonitorClient.Reply> replies = Parallel.map(target.monitors(), m -> monitor.get(m, "/varz"));
            for (int i = 0; i < replies.size(); i++) {
                MonitorClient.Reply r = replies.get(i);
                if (r.ok()) {
                    byId.put(r.json().path("server_id").asText(""), target.monitors().get(i));
                } else {
                    unanswered.add(target.monitors().get(i) + " (" + r.problem() + ")");
                }
            }
        }
        List<ServerReach> out = new ArrayList<>();
        for (ServerReach r : reach) {
            if (r.node().isEmpty()) {
                out.add(r);
                continue;
            }
            Node n = r.node().get();
            Node withMonitor;
            if (target.monitors().isEmpty()) {
                withMonitor = n.withMonitor(Optional.of(URI.create("http://" + n.endpoint().getAddress().getHostAddress() + ":"
                        + target.monitorPort())), "");
            } else {
                URI m = byId.get(n.info().serverId());
                withMonitor = n.withMonitor(Optional.ofNullable(m), m != null ? "" : "no URL in target.monitor reports server_id "
                        + n.info().serverId() + (unanswered.isEmpty() ? "" : "; unanswered: " + String.join(", ", unanswered)));
            }
            out.add(new ServerReach(r.address(), r.endpoint(), Optional.of(withMonitor), r.problem(), r.evidence()));
        }
        return out;
    }

    public Target target() {
        return target;
    }

    public Settings settings() {
        return settings;
    }

    public Discovery discovery() {
        return discovery;
    }

    /** Every server the target names, answering or not, in discovery order. */
    public List<ServerReach> reach() {
        return reach;
    }

    /** The servers that answered as NATS client ports: the subjects of every per-node check. */
    public List<Node> nodes() {
        return nodes;
    }

    public TlsMaterial tls() {
        return tls;
    }

    public MonitorClient monitor() {
        return monitor;
    }

    /** Take a permit before opening a connection that will do a TLS handshake; close it once the handshake is over. */
    public HandshakeGate.Permit handshakeSlot() {
        return handshakes.enter();
    }

    /**
     * {@code cluster.expected-size} when the target sets it; else the number of distinct servers found (SRV records or
     * {@code servers}, distinct by the address they resolve to), so that a target that leaves it out still has its
     * mesh size checked.
     */
    public ExpectedSize expectedClusterSize() {
        if (target.expectedClusterSize().isPresent()) {
            return new ExpectedSize(target.expectedClusterSize().getAsInt(), "cluster.expected-size in the target");
        }
        long distinct = reach.stream().map(r -> r.endpoint().map(RawNats::label).orElse(r.address().toString())).distinct().count();
        return new ExpectedSize((int) distinct, "cluster.expected-size not set: the number of distinct servers found, "
                + discovery.describe());
    }

    /** "ip:port" of a host and port as the target resolves the host; empty when it does not resolve. */
    public Optional<String> endpoint(String host, int port) {
        try {
            return Optional.of(target.resolve(host).getHostAddress() + ":" + port);
        } catch (TargetException e) {
            return Optional.empty();
        }
    }

    /** A node's {@code /varz}, read once per run; empty when the node has no monitor endpoint. */
    public Optional<MonitorClient.Reply> varz(Node node) {
        return node.monitor().map(m -> monitor.get(m, "/varz"));
    }

    /** A subject nobody else uses: the probes publish here, never on MCollective subjects of a real fleet. */
    public String probeSubject() {
        return "mco-nats-suite.probe." + runToken + "." + probes.incrementAndGet();
    }

    /** A token unique to this run (names of probe identities). */
    public String runToken() {
        return runToken;
    }

    /**
     * The trusted client's session on a node (TLS with the target's client certificate, CONNECT/SUB/PUB/PING),
     * once per run. A refusal of a bad client only means something if this one is accepted.
     */
    public Control control(Node node) {
        return controls.computeIfAbsent(node.label(), l -> {
            Evidence ev = new Evidence();
            Exchange x = ClientProbe.tls(this, node, Optional.of(tls.client()), null, new CapturingTrustManager(), ev);
            return new Control(x, ev.lines());
        });
    }

    /** The cluster as the servers see it (gossip and routes), computed once per run. */
    public synchronized ClusterView clusterView() {
        if (clusterView == null) {
            clusterView = ClusterView.of(this);
        }
        return clusterView;
    }

    @Override
    public void close() {
        monitor.close();
    }
}
