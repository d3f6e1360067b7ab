package dev.mconats.fleet;

import dev.mconats.targetmodel.ServerAddress;
import dev.mconats.targetmodel.Target;
import dev.mconats.targetmodel.TargetException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;

/**
 * Where simulated load may go, and the one guard every simulated connection passes. Loopback (127.0.0.0/8, ::1) is
 * always allowed; any other address only with the operator's opt-in, which comes from the target file
 * ({@code load { allow-non-loopback = true }}) or from the mco-nats command line ({@code --allow-non-loopback}), never
 * from a system property.
 *
 * <ul>
 *   <li>{@link #admit(ServerAddress)}: a server of the target is resolved <em>once</em>; when any of its addresses is
 *       outside what is allowed, it is refused (a {@link TargetException}, before any packet); otherwise its first
 *       address is the one every node and client connects to ({@link ServerList} keeps it).</li>
 *   <li>{@link #admitGossiped(String)}: a server the cluster names in its INFO ({@code connect_urls}) goes through the
 *       same check, once per URL for the whole fleet; a refused one is counted ({@link #refusedGossip()}) and never
 *       connected to.</li>
 *   <li>{@link #requireAdmitted(InetSocketAddress)}: the last check, right before a socket is opened (node channels,
 *       and the jnats clients' server pool): only an address this scope admitted passes.</li>
 * </ul>
 * Thread-safe.
 */
public final class LoadScope {
    /** Where the opt-in for servers outside loopback came from. */
    public enum OptIn {
        NONE("none"), TARGET_FILE("target file (load.allow-non-loopback = true)"),
        COMMAND_LINE("command line (--allow-non-loopback)");

        private final String label;

        OptIn(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    private final OptIn optIn;
    private final Function<String, List<InetAddress>> resolver;
    private final Set<InetSocketAddress> admitted = ConcurrentHashMap.newKeySet();
    private final Map<String, Optional<InetSocketAddress>> gossiped = new ConcurrentHashMap<>();
    private final Set<String> refused = ConcurrentHashMap.newKeySet();
    private final LongAdder refusedGossip = new LongAdder();

    /**
     * @param resolver host name to all its addresses (one call = one lookup), e.g. {@link Target#resolveAll}
     */
    public LoadScope(OptIn optIn, Function<String, List<InetAddress>> resolver) {
        this.optIn = optIn;
        this.resolver = resolver;
    }

    /**
     * The scope of a run against {@code target}: opted in by the target file, else by {@code commandLineOptIn} (only
     * the injector's own program arguments carry it), else loopback only.
     */
    public static LoadScope of(Target target, boolean commandLineOptIn) {
        OptIn o = target.allowNonLoopbackLoad() ? OptIn.TARGET_FILE : commandLineOptIn ? OptIn.COMMAND_LINE : OptIn.NONE;
        return new LoadScope(o, target::resolveAll);
    }

    public OptIn optIn() {
        return optIn;
    }

    public boolean allowsNonLoopback() {
        return optIn != OptIn.NONE;
    }

    /** Resolves {@code server} once and admits its first address; refuses the server when any address is not allowed. */
    public InetSocketAddress admit(ServerAddress server) {
        List<InetAddress> all = resolver.apply(server.host());
        if (all.isEmpty()) {
            throw new TargetException("cannot resolve server host '" + server.host() + "'");
        }
        if (!allowsNonLoopback()) {
            List<String> outside = all.stream().filter(a -> !a.isLoopbackAddress()).map(InetAddress::getHostAddress).toList();
            if (!outside.isEmpty()) {
                throw new TargetException("server " + server + " resolves to " + outside + ", outside 127.0.0.0/8: load "
                        + "against it needs target load.allow-non-loopback = true or --allow-non-loopback");
            }
        }
        InetSocketAddress a = new InetSocketAddress(all.get(0), server.port());
        admitted.add(a);
        return a;
    }

    /**
     * A server a cluster member named in its INFO ({@code host:port}, possibly with a scheme): its admitted address, or
     * empty when it is refused or cannot be read. Decided once per URL for the whole run (thousands of nodes get the
     * same INFO), so a name is resolved once however often it is gossiped.
     */
    public Optional<InetSocketAddress> admitGossiped(String url) {
        return gossiped.computeIfAbsent(url, u -> {
            try {
                return Optional.of(admit(ServerAddress.parse(u)));
            } catch (TargetException | IllegalArgumentException e) {
                refused.add(u);
                return Optional.empty();
            }
        }).or(() -> {
            refusedGossip.increment();
            return Optional.empty();
        });
    }

    /** The last check before a socket opens: {@code address} must be one this scope admitted. */
    public void requireAdmitted(InetSocketAddress address) {
        if (!admitted.contains(address)) {
            throw new IllegalStateException("load to " + address + " refused: not an address the run's servers were "
                    + "checked and resolved to (load scope: " + (allowsNonLoopback() ? "opted in" : "loopback only") + ")");
        }
    }

    /** How often a gossiped server was refused (each node that heard it counts once per INFO). */
    public long refusedGossip() {
        return refusedGossip.sum();
    }

    /** The gossiped URLs that were refused, for the run's record. */
    public Set<String> refusedGossipUrls() {
        return Set.copyOf(refused);
    }
}
