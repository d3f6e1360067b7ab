package dev.mconats.fleet;

import io.nats.client.ReconnectDelayHandler;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The reconnect policy of a real Choria node: unlimited rounds, the wait before round n rising from 0.5 s to 20 s
 * over 20 steps and then staying there, each wait jittered uniformly to 50-150 % so that a fleet cut off at the same
 * instant does not come back at the same instant. jnats calls {@link #getWaitTime} after each full pass over the
 * server list (the first pass after a disconnect runs at once, as in nats.go).
 */
public final class ChoriaBackoff implements ReconnectDelayHandler {
    public static final long MIN_MILLIS = 500;
    public static final long MAX_MILLIS = 20_000;
    public static final int STEPS = 20;

    public static final ChoriaBackoff INSTANCE = new ChoriaBackoff();

    /** Un-jittered wait of step n (0-based): linear from {@link #MIN_MILLIS} to {@link #MAX_MILLIS}. */
    public static long baseMillis(long step) {
        long s = Math.max(0, Math.min(step, STEPS - 1));
        return MIN_MILLIS + (MAX_MILLIS - MIN_MILLIS) * s / (STEPS - 1);
    }

    /** The jittered wait of step n: 50-150 % of {@link #baseMillis}. */
    public static Duration delay(long step) {
        long base = baseMillis(step);
        return Duration.ofMillis(base / 2 + ThreadLocalRandom.current().nextLong(base + 1));
    }

    @Override
    public Duration getWaitTime(long totalRounds) {
        return delay(Math.max(0, totalRounds - 1));
    }
}
