package dev.mconats.storm;

import dev.mconats.cluster.FaultKind;
import dev.mconats.cluster.MemberControl;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What a storm does to the cluster: which members go down in which order (one for ReconnectStorm, every member in
 * turn for RollingRestart), how ({@code fault}), for how long, and the bounds of each wait, with the probe that reads
 * what the servers report. Built by the simulation from its parameters; every member is known to be controllable
 * and every monitor to answer before the run starts.
 *
 * @param kind            the simulation's name, e.g. "ReconnectStorm"
 * @param steps           the members to take down, in order
 * @param readyTimeout    how long a member started again may take to answer on its monitor port
 * @param recoveryTimeout from the fault, how long the fleet may take to be connected again
 * @param meshTimeout     from the restart, how long the route mesh may take to be whole again
 * @param roundsBefore    discovery rounds (all clients together) at steady state before the first fault
 * @param roundsAfter     discovery rounds (all clients together) after each recovery, before the next step
 * @param roundTime       the longest one client's round may take (pause, broadcast, timeout)
 * @param replacement     what replaces each member (an upgrade step: a binary or image), empty for a restart
 * @param markers         folder where each member that is down has a marker (see {@code MemberGuard})
 */
public record FaultPlan(String kind, FaultKind fault, Duration downFor, List<MemberControl> steps, ClusterProbe probe,
                        Duration readyTimeout, Duration recoveryTimeout, Duration meshTimeout, int roundsBefore,
                        int roundsAfter, Duration roundTime, long recoveryBoundMillis, Optional<String> replacement,
                        java.nio.file.Path markers) {
    public FaultPlan {
        steps = List.copyOf(steps);
    }

    /** One server: a storm against it leaves no member for the nodes to move to until it is back. */
    public boolean singleServer() {
        return probe.servers().size() == 1;
    }
}
