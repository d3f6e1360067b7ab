package dev.mconats.mco;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The agents a node hosts, in subscription order. {@link #standard()} is the realistic minimum
 * (discovery + rpcutil); {@link #withFillers} pads to larger agent counts (the Choria emulator's
 * reference load used 10 agents) so subscription counts match real fleets. Immutable, shareable.
 */
public final class Agents {
    private final Map<String, Agent> byName;
    private final List<String> names;

    private Agents(LinkedHashMap<String, Agent> ordered) {
        this.byName = Map.copyOf(ordered);
        this.names = List.copyOf(ordered.keySet());
    }

    public static Agents of(Agent... agents) {
        LinkedHashMap<String, Agent> map = new LinkedHashMap<>();
        for (Agent agent : agents) {
            if (map.putIfAbsent(agent.name(), agent) != null) {
                throw new IllegalArgumentException("duplicate agent " + agent.name());
            }
        }
        return new Agents(map);
    }

    /** discovery and rpcutil. */
    public static Agents standard() {
        return of(new DiscoveryAgent(), RpcAgent.rpcutil());
    }

    /** discovery, rpcutil and then action-less SimpleRPC agents named {@code <prefix>1..} up to {@code total} agents. */
    public static Agents withFillers(int total, String prefix) {
        List<Agent> agents = new ArrayList<>(List.of(new DiscoveryAgent(), RpcAgent.rpcutil()));
        for (int i = 1; agents.size() < total; i++) {
            agents.add(RpcAgent.filler(prefix + i));
        }
        return of(agents.toArray(Agent[]::new));
    }

    public Optional<Agent> get(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** Like {@link #get} but null when absent; for the per-message path. */
    Agent find(String name) {
        return byName.get(name);
    }

    /** Agent names in insertion order; this is the order of broadcast subscriptions. */
    public List<String> names() {
        return names;
    }

    public int size() {
        return names.size();
    }
}
