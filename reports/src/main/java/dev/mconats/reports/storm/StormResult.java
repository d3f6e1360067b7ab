package dev.mconats.reports.storm;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a reconnect storm or rolling restart did to the fleet, as the simulation wrote it in the {@code storm} object
 * of load-summary.json (the rolling-upgrade rehearsal writes the same steps per side): per member taken down, how
 * long the affected nodes took to come back, how many discovery replies arrived during the outage, where the nodes
 * ended up, and whether the injector itself was the bottleneck.
 *
 * @param kind              ReconnectStorm or RollingRestart
 * @param fault             kill (SIGKILL) or stop (graceful)
 * @param boundedByInjector the injector ran out of CPU during a recovery: its times bound the servers' from above
 */
public record StormResult(String kind, String fault, long downForMs, long members, long fleetSize, String verdict,
                          String reason, boolean boundedByInjector, List<StormStep> steps) {
    public StormResult {
        steps = List.copyOf(steps);
    }

    /** The storm object, or empty when there is none (a load run without a storm). */
    public static Optional<StormResult> parse(JsonNode storm) {
        if (storm == null || !storm.isObject()) {
            return Optional.empty();
        }
        List<StormStep> steps = new ArrayList<>();
        for (JsonNode s : storm.path("steps")) {
            if (s.isObject()) {
                steps.add(StormStep.parse(s));
            }
        }
        return Optional.of(new StormResult(StormStep.text(storm, "kind"), StormStep.text(storm, "fault"),
                StormStep.count(storm, "down_for_ms"), StormStep.count(storm, "members"), StormStep.count(storm, "fleet_size"),
                StormStep.text(storm, "verdict"), StormStep.text(storm, "reason"),
                storm.path("bounded_by_injector").asBoolean(false) || steps.stream().anyMatch(StormStep::injectorBound), steps));
    }

    public boolean passed() {
        return "PASS".equalsIgnoreCase(verdict);
    }
}
