package dev.mconats.fleet;

import io.nats.client.ReconnectDelayHandler;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The reconnect policy of a real Choria node: go-choria's connector passes {@code backoff.TwentySec.Duration(n)} to
 * nats.go as its custom reconnect delay, unlimited reconnects. The wait of pass n is step n of the table below
 * (0.5 s rising to 20 s, then staying there), jittered uniformly to 50-150 % so that a fleet cut off at the same
 * instant does not come back at the same instant. nats.go (and jnats) pass n = 1 for the first wait of an outage, so an
 * outage's first wait is 0.375-1.125 s.
 */
public final class ChoriaBackoff implements ReconnectDelayHandler {
    /** go-choria {@code backoff.TwentySec}, milliseconds per step. */
    private static final int[] STEP_MILLIS = {
        500, 750, 1000, 1500, 2000, 2500, 3000, 3500, 4000, 4500, 5000,
        5500, 5750, 6000, 6500, 7000, 7500, 8000, 8500, 9000, 9500, 10000,
        10500, 10750, 11000, 11500, 12000, 12500, 13000, 13500, 14000, 14500, 15000,
        15500, 15750, 16000, 16500, 17000, 17500, 18000, 18500, 19000, 19500, 20000,
    };
    public static final int STEPS = STEP_MILLIS.length;

    public static final ChoriaBackoff INSTANCE = new ChoriaBackoff();

    /** Un-jittered wait of step n (0-based, saturating at the last). */
    public static long baseMillis(long step) {
        return STEP_MILLIS[(int) Math.max(0, Math.min(step, STEPS - 1))];
    }

    /** The jittered wait of step n: 50-150 % of {@link #baseMillis}. */
    public static Duration delay(long step) {
        long base = baseMillis(step);
        return Duration.ofMillis(base / 2 + ThreadLocalRandom.current().nextLong(base + 1));
    }

    /** {@code totalRounds}: passes over the server list so far in this outage, 1 for the first wait (as nats.go). */
    @Override
    public Duration getWaitTime(long totalRounds) {
        return delay(totalRounds);
    }
}
