package dev.mconats.fleet;

import io.nats.client.Options;
import io.nats.client.impl.NatsStatistics;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads (and jnats statistics) every simulated connection shares. jnats' defaults build about eight OS
 * threads per connection, which stops at a few thousand connections here; with virtual threads for reader, writer, dispatchers, TLS handshakes and
 * events, and one small scheduler for all timers, the OS thread count stays flat at any fleet size.
 */
public final class NatsRuntime implements AutoCloseable {
    private final ExecutorService virtualThreads = Executors.newVirtualThreadPerTaskExecutor();
    private final ScheduledThreadPoolExecutor scheduler;
    private final AtomicBoolean warmupStarted = new AtomicBoolean();
    // jnats gives every connection its own statistics (about 45 atomic counters, ~1.3 KB); nothing reads a node's
    // counters, so all connections of a run add to one (thread-safe, advanced tracking off).
    private final NatsStatistics statistics = new NatsStatistics();

    public NatsRuntime() {
        AtomicInteger n = new AtomicInteger();
        scheduler = new ScheduledThreadPoolExecutor(2, r -> {
            Thread t = new Thread(r, "nats-timer-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        // jnats schedules and cancels timers per request and per connection: drop cancelled ones at once.
        scheduler.setRemoveOnCancelPolicy(true);
    }

    /** Puts the shared executors into a connection's options. */
    public Options.Builder apply(Options.Builder b) {
        return b.executor(virtualThreads)
                .connectExecutor(virtualThreads)
                .callbackExecutor(virtualThreads)
                .scheduledExecutor(scheduler)
                .statisticsCollector(statistics);
    }

    /** For blocking work (connect, flush, close, publish) that must stay off Gatling's event loops. */
    public ExecutorService virtualThreads() {
        return virtualThreads;
    }

    public ScheduledThreadPoolExecutor scheduler() {
        return scheduler;
    }

    /** Starts {@code warmup} once per runtime, on a daemon platform thread (CPU-bound work off the carriers). */
    void warmUpOnce(Runnable warmup) {
        if (warmupStarted.compareAndSet(false, true)) {
            Thread t = new Thread(warmup, "jit-warmup");
            t.setDaemon(true);
            t.start();
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        virtualThreads.shutdownNow();
        try {
            virtualThreads.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
