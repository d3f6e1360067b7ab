package dev.mconats.fleet;

import dev.mconats.mco.Agents;
import dev.mconats.mco.Protocol;
import java.time.Duration;
import java.util.List;

/**
 * What every simulated node is: member of these collectives, hosting these agents (so it holds
 * {@code collectives x (agents + 1)} subscriptions), and whether it publishes registration data.
 *
 * @param registrationInterval zero for no registration; otherwise every interval, first after a random splay up to one interval
 */
public record FleetSpec(List<String> collectives, Agents agents, Duration registrationInterval) {
    public FleetSpec {
        collectives = List.copyOf(collectives);
        if (collectives.isEmpty()) {
            throw new IllegalArgumentException("at least one collective");
        }
        if (registrationInterval.isNegative()) {
            throw new IllegalArgumentException("registration interval must not be negative");
        }
    }

    /** discovery + rpcutil in the mcollective collective, no registration. */
    public static FleetSpec standard() {
        return new FleetSpec(List.of(Protocol.DEFAULT_COLLECTIVE), Agents.standard(), Duration.ZERO);
    }

    /** {@code agentCount} agents (discovery, rpcutil, then fillers) in the given collectives. */
    public static FleetSpec of(List<String> collectives, int agentCount, Duration registrationInterval) {
        if (agentCount < 2) {
            throw new IllegalArgumentException("a node hosts at least discovery and rpcutil (agents >= 2), got " + agentCount);
        }
        return new FleetSpec(collectives, Agents.withFillers(agentCount, "agent"), registrationInterval);
    }

    public int subscriptionsPerNode() {
        return collectives.size() * (agents.size() + 1);
    }

    /** The collective clients address by default. */
    public String mainCollective() {
        return collectives.get(0);
    }
}
