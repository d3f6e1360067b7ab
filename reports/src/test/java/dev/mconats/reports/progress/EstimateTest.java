package dev.mconats.reports.progress;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EstimateTest {
    // 1,000 nodes at 100/s, 1 warm-up + 3 rounds 5 s apart, 2 clients
    private static final Estimate.Plan PLAN = new Estimate.Plan(1000, 100, 1, 3, Duration.ofSeconds(5), 2, Optional.empty());

    private static Estimate.State state(Phase phase, long live, double rate, int roundsDone, long lastDiscovery) {
        return new Estimate.State(phase, live, 1000, rate, roundsDone, lastDiscovery, 0, 0, 0);
    }

    @Test
    void connectingUsesTheMeasuredRateAndThePlannedOneBeforeThereIsAny() {
        // 1,000 nodes at the planned 100/s = 10 s; stagger 2.5 s; 4 rounds x 5 s = 20 s
        assertThat(Estimate.secondsLeft(PLAN, state(Phase.CONNECTING, 0, 0, 0, 0))).isEqualTo(33);
        // 500 left at a measured 50/s
        assertThat(Estimate.secondsLeft(PLAN, state(Phase.CONNECTING, 500, 50, 0, 0))).isEqualTo(33);
    }

    @Test
    void roundsCountTheirIntervalAndTheLastDiscoveryTime() {
        assertThat(Estimate.secondsLeft(PLAN, state(Phase.ROUNDS, 1000, 0, 2, 1000))).isEqualTo(12); // 2 x (5 + 1)
        assertThat(Estimate.secondsLeft(PLAN, state(Phase.ROUNDS, 1000, 0, 4, 1000))).isZero();
    }

    @Test
    void whatThePlanLeavesOpenIsUnknown() {
        assertThat(Estimate.secondsLeft(PLAN, state(Phase.FINISHING, 1000, 0, 4, 0))).isEqualTo(Progress.UNKNOWN);
        assertThat(Estimate.secondsLeft(PLAN, state(Phase.SERVING, 1000, 0, 0, 0))).isEqualTo(Progress.UNKNOWN);
        Estimate.Plan noRamp = new Estimate.Plan(1000, 0, 0, 1, Duration.ofSeconds(5), 1, Optional.empty());
        assertThat(Estimate.secondsLeft(noRamp, state(Phase.CONNECTING, 10, 0, 0, 0))).as("all at once, none measured yet")
                .isEqualTo(Progress.UNKNOWN);
        Estimate.Plan storm = new Estimate.Plan(1000, 100, 0, 0, Duration.ofSeconds(5), 1,
                Optional.of(new Estimate.Storm(3, Duration.ofSeconds(10), 2)));
        assertThat(Estimate.secondsLeft(storm, state(Phase.FAULT_INJECTED, 1000, 0, 3, 0))).as("no recovery measured yet")
                .isEqualTo(Progress.UNKNOWN);
        // step 1 recovered 4 s after its restart, 3 s ago: its rounds after (2 x 5 s) have 7 s left; two steps of
        // 10 s down + 4 s recovery + 10 s of rounds follow
        assertThat(Estimate.secondsLeft(storm, new Estimate.State(Phase.RECOVERED, 1000, 1000, 0, 3, 0, 1, 4000, 3000))).isEqualTo(55);
        // step 2 down for 6 s: 4 s of it, its recovery and rounds, and step 3
        assertThat(Estimate.secondsLeft(storm, new Estimate.State(Phase.FAULT_INJECTED, 1000, 1000, 0, 5, 0, 1, 4000, 6000)))
                .isEqualTo(4 + 4 + 10 + 24);
    }
}
