package dev.mconats.gatling.internal;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Collects the injector's own garbage between measured rounds, so that a collection of the JVM that simulates the
 * fleet does not land inside a round and get measured as cluster latency (the same hygiene as JMH's forced GC between
 * iterations). A real fleet is thousands of separate machines without a shared heap: the pause belongs to the
 * instrument, not to the cluster. Runs only between rounds while every node is idle; a round never waits for more
 * than the collection it asked for. Off with {@code settle-gc=false}; count and pause time are in the summary.
 *
 * <p>Thread-safety: concurrent callers (several clients) share one collection in flight.
 */
public final class HeapSettler {
    // Two clients asking within this window share one collection: one settled heap serves both rounds.
    private static final long SHARE_WINDOW_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final boolean enabled;
    private final InjectorStats stats;
    private CompletableFuture<Void> inFlight;
    private long lastEndNanos = Long.MIN_VALUE;

    public HeapSettler(boolean enabled, InjectorStats stats) {
        this.enabled = enabled;
        this.stats = stats;
    }

    /** Completes when the heap has been collected (at once when disabled or just done). */
    public synchronized CompletableFuture<Void> settle() {
        if (!enabled) {
            return CompletableFuture.completedFuture(null);
        }
        if (inFlight != null && !inFlight.isDone()) {
            return inFlight;
        }
        if (lastEndNanos != Long.MIN_VALUE && System.nanoTime() - lastEndNanos < SHARE_WINDOW_NANOS) {
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        inFlight = done;
        // A platform thread: the collection stops every thread anyway, and it must not wait for a carrier.
        Thread t = new Thread(() -> {
            long start = System.nanoTime();
            try {
                System.gc();
            } finally {
                long end = System.nanoTime();
                synchronized (this) {
                    lastEndNanos = end;
                }
                stats.recordSettle(TimeUnit.NANOSECONDS.toMillis(end - start));
                done.complete(null);
            }
        }, "heap-settle");
        t.setDaemon(true);
        t.start();
        return done;
    }
}
