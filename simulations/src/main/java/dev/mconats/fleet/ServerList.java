package dev.mconats.fleet;

import dev.mconats.targetmodel.ServerAddress;
import dev.mconats.targetmodel.Target;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.random.RandomGenerator;

/**
 * The servers of a target as a node finds them (explicit list, else SRV in RFC 2782 order, else puppet:4222),
 * resolved once for the whole fleet: 20,000 SRV lookups would load the DNS, not the NATS servers. Each server is
 * admitted by the run's {@link LoadScope} when the list is built, and its URL carries the address that was checked:
 * nodes and clients connect to exactly that address, never to a fresh lookup of the name. Servers the cluster
 * gossips are admitted the same way ({@link #learn}). Each node then gets its own random order, as Choria
 * randomises its server list by default, which spreads nodes over members.
 */
public final class ServerList {
    private final List<ServerAddress> servers;
    private final List<InetSocketAddress> admitted;
    private final List<String> urls;
    private final LoadScope scope;
    private final Map<String, InetSocketAddress> addresses = new ConcurrentHashMap<>();

    private ServerList(List<ServerAddress> servers, List<InetSocketAddress> admitted, LoadScope scope) {
        this.servers = List.copyOf(servers);
        this.admitted = List.copyOf(admitted);
        Map<String, InetSocketAddress> byUrl = new LinkedHashMap<>();
        for (InetSocketAddress a : admitted) {
            byUrl.putIfAbsent(url(a), a);
        }
        this.urls = List.copyOf(byUrl.keySet());
        this.addresses.putAll(byUrl);
        this.scope = scope;
    }

    /** The target's servers, loopback only unless the target file opts in. */
    public static ServerList discover(Target target, RandomGenerator random) {
        return discover(target, LoadScope.of(target, false), random);
    }

    /** The target's servers, each admitted by {@code scope} (refused servers fail here, before any connection). */
    public static ServerList discover(Target target, LoadScope scope, RandomGenerator random) {
        List<ServerAddress> servers = target.discoverServers(random);
        List<InetSocketAddress> admitted = new ArrayList<>();
        for (ServerAddress s : servers) {
            admitted.add(scope.admit(s));
        }
        return new ServerList(servers, admitted, scope);
    }

    /**
     * One endpoint this injector runs itself on loopback (the connect warm-up's): a loopback-only scope that admits
     * that address and nothing else.
     */
    static ServerList inProcess(InetSocketAddress loopback) {
        if (!loopback.getAddress().isLoopbackAddress()) {
            throw new IllegalArgumentException("not a loopback address: " + loopback);
        }
        LoadScope scope = new LoadScope(LoadScope.OptIn.NONE, host -> List.of(loopback.getAddress()));
        ServerAddress server = new ServerAddress(loopback.getAddress().getHostAddress(), loopback.getPort());
        return new ServerList(List.of(server), List.of(scope.admit(server)), scope);
    }

    /** {@code tls://<address>:<port>} of an admitted address. */
    static String url(InetSocketAddress a) {
        String host = a.getAddress().getHostAddress();
        return "tls://" + (a.getAddress() instanceof Inet6Address ? "[" + host + "]" : host) + ":" + a.getPort();
    }

    public List<ServerAddress> servers() {
        return servers;
    }

    /** The address server {@code i} of {@link #servers()} was checked and resolved to. */
    public InetSocketAddress admitted(int i) {
        return admitted.get(i);
    }

    /** tls://address:port of each distinct server address, in discovery order. */
    public List<String> urls() {
        return urls;
    }

    public int size() {
        return urls.size();
    }

    public LoadScope scope() {
        return scope;
    }

    /**
     * The admitted address behind one of this list's URLs (or of a server learnt from gossip); a URL this list did
     * not produce is refused, so nothing can hand a node an address the scope never checked.
     */
    public InetSocketAddress address(String url) {
        InetSocketAddress a = addresses.get(url);
        if (a == null) {
            throw new IllegalArgumentException("server " + url + " is not one of the run's checked servers " + urls);
        }
        return a;
    }

    /**
     * A server a member gossiped (INFO {@code connect_urls}): its URL when the scope admits it, else empty (refused,
     * counted by the scope, never connected to).
     */
    public Optional<String> learn(String gossiped) {
        return scope.admitGossiped(gossiped).map(a -> {
            String u = url(a);
            addresses.putIfAbsent(u, a);
            return u;
        });
    }

    /** A node's server list: all servers in random order. */
    public String[] randomOrder(RandomGenerator random) {
        List<String> copy = new ArrayList<>(urls);
        Collections.shuffle(copy, random);
        return copy.toArray(String[]::new);
    }

    /** Server {@code first} (modulo the list) first, then the others: pins a client to one member while it is up. */
    public String[] startingAt(int first) {
        String[] out = new String[urls.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = urls.get((first + i) % urls.size());
        }
        return out;
    }
}
