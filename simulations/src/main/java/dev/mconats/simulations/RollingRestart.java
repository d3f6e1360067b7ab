package dev.mconats.simulations;

/**
 * A rolling restart under a live fleet: every member in turn is stopped (SIGTERM, {@code fault=stop}, default; or
 * killed), kept down for {@code down-for} seconds (default 2) and started again, and the next member goes down only
 * once the fleet, the route mesh and {@code rounds} discovery rounds per client after recovery are through (each wait
 * bounded). With {@code replace-with} each member comes back as the candidate binary or image: the rolling upgrade
 * the {@code rehearse --rolling} mode runs. Same measurements per step as {@link ReconnectStorm}; one verdict.
 */
public class RollingRestart extends StormSimulation {
    public RollingRestart() {
        super(StormSetup.ROLLING_RESTART);
    }
}
