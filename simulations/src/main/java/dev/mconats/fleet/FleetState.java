package dev.mconats.fleet;

import dev.mconats.mco.MessageRejected;
import dev.mconats.mco.RejectReason;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Live counters of the simulated fleet, updated by the nodes' own threads: how many nodes are connected with their
 * subscriptions in place ("live"), how many are cut off, on which server the live ones are ({@link #liveByServer()}),
 * and what the nodes did (replies sent, requests refused by reason, registrations published). Thread-safe and
 * lock-free.
 *
 * <p>Events: a node is live once the server confirmed its subscriptions ({@code nodeUp}); {@code nodeDown} when a
 * live node loses its connection; {@code nodeBack(identity, downAtMillis, backAtMillis)} when it is live again after
 * a reconnect (its re-sent subscriptions confirmed), also told to the {@link RecoveryListener}.
 */
public final class FleetState {
    /** Told when a node that lost its server is connected and re-subscribed again. */
    @FunctionalInterface
    public interface RecoveryListener {
        void recovered(String identity, long downAtMillis, long backAtMillis);
    }

    private final AtomicInteger live = new AtomicInteger();
    private final AtomicInteger down = new AtomicInteger();
    private final AtomicInteger maxLive = new AtomicInteger();
    private final LongAdder disconnects = new LongAdder();
    private final LongAdder recoveries = new LongAdder();
    private final LongAdder repliesSent = new LongAdder();
    private final LongAdder registrations = new LongAdder();
    private final LongAdder publishErrors = new LongAdder();
    private final LongAdder connectionErrors = new LongAdder();
    private final LongAdder failedReconnects = new LongAdder();
    private final AtomicLong lastRecoveryMillis = new AtomicLong();
    private final Map<RejectReason, LongAdder> rejected = new EnumMap<>(RejectReason.class);
    private final Map<String, AtomicInteger> liveByServer = new ConcurrentHashMap<>();
    private volatile RecoveryListener recoveryListener = (id, downAt, backAt) -> { };

    public FleetState() {
        for (RejectReason r : RejectReason.values()) {
            rejected.put(r, new LongAdder());
        }
    }

    public void onRecovery(RecoveryListener listener) {
        this.recoveryListener = listener;
    }

    void nodeUp(String server) {
        onServer(server, 1);
        maxLive.accumulateAndGet(live.incrementAndGet(), Math::max);
    }

    void nodeClosed(String server) {
        onServer(server, -1);
        live.decrementAndGet();
    }

    void nodeDown(String server) {
        onServer(server, -1);
        live.decrementAndGet();
        down.incrementAndGet();
        disconnects.increment();
    }

    void nodeBack(String identity, long downAtMillis, long backAtMillis, String server) {
        onServer(server, 1);
        down.decrementAndGet();
        recoveries.increment();
        lastRecoveryMillis.accumulateAndGet(backAtMillis, Math::max);
        maxLive.accumulateAndGet(live.incrementAndGet(), Math::max);
        recoveryListener.recovered(identity, downAtMillis, backAtMillis);
    }

    private void onServer(String server, int delta) {
        if (server != null) {
            liveByServer.computeIfAbsent(server, k -> new AtomicInteger()).addAndGet(delta);
        }
    }

    /**
     * Live nodes per server URL ({@code tls://address:port}, as {@link SimulatedNode#server()}) right now: how the
     * fleet is spread over the members, e.g. after a recovery. Servers without live nodes are left out.
     */
    public Map<String, Integer> liveByServer() {
        Map<String, Integer> out = new java.util.TreeMap<>();
        liveByServer.forEach((server, n) -> {
            if (n.get() > 0) {
                out.put(server, n.get());
            }
        });
        return out;
    }

    /** A node closed while cut off (end of run): it is neither live nor down any more. */
    void downNodeClosed() {
        down.decrementAndGet();
    }

    void replySent() {
        repliesSent.increment();
    }

    void registrationSent() {
        registrations.increment();
    }

    void publishFailed() {
        publishErrors.increment();
    }

    void connectionError() {
        connectionErrors.increment();
    }

    void reconnectAttemptFailed() {
        failedReconnects.increment();
    }

    /** Listener for {@link dev.mconats.mco.NodeResponder}: counts refused requests by reason. */
    public void rejected(MessageRejected e) {
        rejected.get(e.reason()).increment();
    }

    public int live() {
        return live.get();
    }

    /** Nodes that lost their server and are not back yet. */
    public int down() {
        return down.get();
    }

    public int maxLive() {
        return maxLive.get();
    }

    public long disconnects() {
        return disconnects.sum();
    }

    public long recoveries() {
        return recoveries.sum();
    }

    public long lastRecoveryMillis() {
        return lastRecoveryMillis.get();
    }

    public long repliesSent() {
        return repliesSent.sum();
    }

    public long registrations() {
        return registrations.sum();
    }

    public long publishErrors() {
        return publishErrors.sum();
    }

    public long connectionErrors() {
        return connectionErrors.sum();
    }

    /** Reconnect attempts of nodes that had been live which did not get them live (refused, timed out, failed). */
    public long failedReconnectAttempts() {
        return failedReconnects.sum();
    }

    public long rejected(RejectReason reason) {
        return rejected.get(reason).sum();
    }

    public Map<String, Long> rejectedByReason() {
        Map<String, Long> out = new java.util.LinkedHashMap<>();
        rejected.forEach((r, n) -> out.put(r.name(), n.sum()));
        return out;
    }

    /**
     * Completes with true once {@code condition} holds for (live, down), false at the deadline. Polled every 50 ms on
     * the given scheduler: cheap, and the counters change far more often than anyone waits on them.
     */
    public CompletableFuture<Boolean> await(BiIntPredicate condition, long timeoutMillis, ScheduledExecutorService scheduler) {
        CompletableFuture<Boolean> result = new CompletableFuture<>();
        long deadline = System.currentTimeMillis() + timeoutMillis;
        ScheduledFuture<?>[] task = new ScheduledFuture<?>[1];
        task[0] = scheduler.scheduleWithFixedDelay(() -> {
            if (condition.test(live(), down())) {
                result.complete(true);
            } else if (System.currentTimeMillis() >= deadline) {
                result.complete(false);
            }
            if (result.isDone() && task[0] != null) {
                task[0].cancel(false);
            }
        }, 0, 50, TimeUnit.MILLISECONDS);
        result.whenComplete((v, e) -> task[0].cancel(false));
        return result;
    }

    /** Waits until at least {@code nodes} are live. */
    public CompletableFuture<Boolean> awaitLive(int nodes, long timeoutMillis, ScheduledExecutorService scheduler) {
        return await((l, d) -> l >= nodes, timeoutMillis, scheduler);
    }

    @FunctionalInterface
    public interface BiIntPredicate {
        boolean test(int live, int down);
    }
}
