package dev.mconats.reports.progress;

import java.time.Duration;
import java.util.Optional;

/**
 * The time a run has left, from its plan and how far it got: the nodes still to connect at the rate they connect now
 * (the planned ramp rate before any did), the discovery rounds still to run at their interval plus the time the last
 * one took, and for a storm the steps still to come (down time, the recovery the last step took, the rounds after
 * it). Unknown ({@link Progress#UNKNOWN}) when the plan leaves it open: a node shard waits for another shard's
 * clients, a storm's first recovery has not been measured yet, the clients are done.
 */
public final class Estimate {
    /**
     * What the simulation set out to do (this injector's share).
     *
     * @param rampPerSecond planned node starts per second; 0 for all at once
     * @param rounds        measured discovery rounds per client (after the warm-up rounds); for a storm, the rounds
     *                      outside its steps
     * @param clients       clients of this injector; 0 on a node shard (it runs no rounds of its own)
     */
    public record Plan(long nodes, double rampPerSecond, int warmupRounds, int rounds, Duration roundInterval, int clients,
                       Optional<Storm> storm) {
        public int totalRounds() {
            return warmupRounds + rounds;
        }
    }

    /**
     * A storm's steps: each takes a member down for {@code downFor}, starts it again, waits for recovery, then for
     * {@code roundsAfter} rounds per client.
     */
    public record Storm(int steps, Duration downFor, int roundsAfter) {
    }

    /**
     * Where the run is.
     *
     * @param roundsDone           rounds every client has completed (warm-up included)
     * @param lastDiscoveryMillis  time to all replies of the last broadcast; 0 before the first
     * @param stepsDone            storm steps that recovered; {@code lastRecoveryMillis} the time from the restart to
     *                             recovered of the latest (0 before the first); {@code phaseElapsedMillis} the time
     *                             since the current storm phase began
     */
    public record State(Phase phase, long live, long target, double handshakesPerSecond, int roundsDone,
                        long lastDiscoveryMillis, int stepsDone, long lastRecoveryMillis, long phaseElapsedMillis) {
    }

    private Estimate() {
    }

    public static long secondsLeft(Plan plan, State s) {
        double left;
        switch (s.phase()) {
            case STARTING_SERVERS, STARTING_INJECTOR, CONNECTING -> {
                double rate = s.handshakesPerSecond() > 0 ? s.handshakesPerSecond() : plan.rampPerSecond();
                long remaining = Math.max(0, s.target() - s.live());
                if (remaining > 0 && rate <= 0) {
                    return Progress.UNKNOWN;
                }
                double connect = remaining == 0 ? 0 : remaining / rate;
                double rest = afterConnecting(plan, s);
                if (rest < 0) {
                    return Progress.UNKNOWN;
                }
                left = connect + rest;
            }
            case WARM_UP, ROUNDS, FAULT_INJECTED, RECOVERING, RECOVERED -> {
                double rest = afterConnecting(plan, s);
                if (rest < 0) {
                    return Progress.UNKNOWN;
                }
                left = rest;
            }
            default -> {
                return Progress.UNKNOWN; // serving, finishing, report, done: nothing planned is left, or it is not ours
            }
        }
        return Math.round(Math.max(0, left));
    }

    /** Seconds of rounds and storm steps still to come; negative when unknown. */
    private static double afterConnecting(Plan plan, State s) {
        if (plan.clients() <= 0) {
            return -1; // a node shard: the client shard decides when it ends
        }
        double interval = plan.roundInterval().toMillis() / 1000.0;
        double round = interval + s.lastDiscoveryMillis() / 1000.0;
        // clients are staggered over one interval: the last one starts (clients-1)/clients of an interval later
        double stagger = s.roundsDone() == 0 ? interval * (plan.clients() - 1) / plan.clients() : 0;
        double left = stagger + Math.max(0, plan.totalRounds() - s.roundsDone()) * round;
        if (plan.storm().isPresent()) {
            Storm st = plan.storm().get();
            int stepsLeft = Math.max(0, st.steps() - s.stepsDone()); // the step in progress included until it recovered
            if (stepsLeft > 0 && s.lastRecoveryMillis() <= 0) {
                return -1; // how long a member takes to come back is what the storm measures: no guess before the first
            }
            double down = st.downFor().toMillis() / 1000.0;
            double recovery = s.lastRecoveryMillis() / 1000.0;
            double after = st.roundsAfter() * round;
            double elapsed = s.phaseElapsedMillis() / 1000.0;
            left += stepsLeft * (down + recovery + after);
            switch (s.phase()) { // the step in progress: part of it is behind us
                case FAULT_INJECTED -> left -= Math.min(elapsed, down);
                case RECOVERING -> left -= down + Math.min(elapsed, recovery);
                case RECOVERED -> left += Math.max(0, after - elapsed); // the rounds after the step that just recovered
                default -> {
                }
            }
        }
        return left;
    }
}
