package dev.mconats.fleet;

import io.nats.client.Options;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads every simulated connection shares. jnats' defaults build about eight OS threads per connection, which
 * stops at a few thousand connections here; with virtual threads for reader, writer, dispatchers, TLS handshakes and
 * events, and one small scheduler for all timers, the OS thread count stays flat at any fleet size.
 */
public final class NatsRuntime implements AutoCloseable {
    private final ExecutorService virtualThreads = Executors.newVirtualThreadPerTaskExecutor();
    private final ScheduledThreadPoolExecutor scheduler;

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
                .scheduledExecutor(scheduler);
    }

    /** For blocking work (connect, flush, close, publish) that must stay off Gatling's event loops. */
    public ExecutorService virtualThreads() {
        return virtualThreads;
    }

    public ScheduledThreadPoolExecutor scheduler() {
        return scheduler;
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
