package dev.mconats.fleet;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.nats.client.Options;
import io.netty.util.ResourceLeakDetector;
import io.nats.client.impl.NatsStatistics;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads every simulated connection shares. Nodes run on a few Netty event loops (one per core, epoll where
 * available): each loop drives thousands of node connections, their TLS handshakes, reads, replies and timers, with
 * no thread, buffer or timer per node beyond a scheduled PING. The jnats clients (few, reply-heavy) run on virtual
 * threads with one small scheduler for all their timers; jnats' defaults would build about eight OS threads per
 * connection.
 */
public final class NatsRuntime implements AutoCloseable {
    private final ExecutorService virtualThreads = Executors.newVirtualThreadPerTaskExecutor();
    private final ScheduledThreadPoolExecutor scheduler;
    private final EventLoopGroup nodeLoops;
    private final Class<? extends SocketChannel> nodeChannel;
    private final AtomicBoolean warmupStarted = new AtomicBoolean();
    private final CompletableFuture<Void> warmupDone = new CompletableFuture<>();
    // jnats gives every connection its own statistics (about 45 atomic counters, ~1.3 KB); nothing reads a client's
    // counters, so all connections of a run add to one (thread-safe, advanced tracking off).
    private final NatsStatistics statistics = new NatsStatistics();

    public NatsRuntime() {
        this(Runtime.getRuntime().availableProcessors());
    }

    /** @param nodeThreads event loops for the nodes */
    public NatsRuntime(int nodeThreads) {
        // Netty's default samples 1 in 128 buffers and engines for leak tracking, recording a stack trace each time:
        // nothing to find in a load run, and a cost per connection.
        if (System.getProperty("io.netty.leakDetection.level") == null) {
            ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.DISABLED);
        }
        scheduler = new ScheduledThreadPoolExecutor(2, daemons("nats-timer-"));
        // jnats schedules and cancels timers per request and per connection: drop cancelled ones at once.
        scheduler.setRemoveOnCancelPolicy(true);
        boolean epoll = Epoll.isAvailable();
        IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        nodeLoops = new MultiThreadIoEventLoopGroup(Math.max(1, nodeThreads), daemons("nats-node-loop-"), io);
        nodeChannel = epoll ? EpollSocketChannel.class : NioSocketChannel.class;
    }

    private static ThreadFactory daemons(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** Puts the shared executors into a jnats connection's options. */
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

    /** Runs short non-blocking tasks on the nodes' event loops (e.g. starting a queued connection attempt). */
    public java.util.concurrent.Executor nodeExecutor() {
        return nodeLoops;
    }

    /** The event loops of the node connections. */
    EventLoopGroup nodeLoops() {
        return nodeLoops;
    }

    Class<? extends SocketChannel> nodeChannel() {
        return nodeChannel;
    }

    /**
     * Starts {@code warmup} once per runtime, on a daemon platform thread (CPU-bound work off the event loops and
     * carriers); completes when it has run.
     */
    CompletableFuture<Void> warmUpOnce(Runnable warmup) {
        if (warmupStarted.compareAndSet(false, true)) {
            Thread t = new Thread(() -> {
                try {
                    warmup.run();
                } finally {
                    warmupDone.complete(null);
                }
            }, "jit-warmup");
            t.setDaemon(true);
            t.start();
        }
        return warmupDone;
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        virtualThreads.shutdownNow();
        nodeLoops.shutdownGracefully(0, 2, TimeUnit.SECONDS);
        try {
            virtualThreads.awaitTermination(5, TimeUnit.SECONDS);
            nodeLoops.terminationFuture().await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
