package dev.mconats.simulations;

/**
 * The minutes after a member goes away: under a live fleet, one member (default: the second; the only one of a
 * one-server target) is killed (SIGKILL, {@code fault=kill}, default) or stopped (SIGTERM, {@code fault=stop}), kept
 * down for {@code down-for} seconds (default 10) and started again with the same config. Measured: time until every
 * node is connected again (from the fault), time until the route mesh is whole again (from the restart), the reply
 * ratio of the discovery rounds during the outage, every round after recovery complete, and how the nodes are spread
 * over the members afterwards (nats-server does not rebalance). See {@link StormSimulation} for the claims.
 */
public class ReconnectStorm extends StormSimulation {
    public ReconnectStorm() {
        super(StormSetup.RECONNECT_STORM);
    }
}
