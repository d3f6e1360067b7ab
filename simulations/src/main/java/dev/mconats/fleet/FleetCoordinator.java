package dev.mconats.fleet;

import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * How the injectors of one sharded run agree, over the cluster under test itself (each injector is connected to it
 * anyway, also on Kubernetes, where they share nothing else): one extra connection per injector with the client
 * certificate, on subjects {@code mconats.fleet.<run>.status} and {@code .end}. Every injector publishes its live
 * node count each interval; the client shard sums the latest counts of all shards to know that the whole fleet is up
 * before the first discovery; when its clients are done it publishes {@code end}, on which the node shards release
 * their nodes. Every wait is bounded: a shard that falls silent is reported, never waited for forever.
 */
public final class FleetCoordinator implements AutoCloseable {
    /** Latest status of one shard. */
    public record Status(int shard, int live, int nodes, long atMillis) {
    }

    private final McoClient client;
    private final Dispatcher dispatcher;
    private final Fleet fleet;
    private final NodeIdentities ids;
    private final String statusSubject;
    private final String endSubject;
    private final Duration interval;
    private final Map<Integer, Status> latest = new ConcurrentHashMap<>();
    private final CompletableFuture<String> end = new CompletableFuture<>();
    private final ScheduledFuture<?> ticker;

    private FleetCoordinator(McoClient client, Fleet fleet, NodeIdentities ids, String run, Duration interval) {
        this.client = client;
        this.fleet = fleet;
        this.ids = ids;
        this.interval = interval;
        this.statusSubject = "mconats.fleet." + run + ".status";
        this.endSubject = "mconats.fleet." + run + ".end";
        Connection c = client.connection();
        this.dispatcher = c.createDispatcher(msg -> {
            if (msg.getSubject().equals(endSubject)) {
                end.complete("the client shard finished");
            } else {
                parse(new String(msg.getData(), StandardCharsets.US_ASCII));
            }
        });
        dispatcher.subscribe(statusSubject);
        dispatcher.subscribe(endSubject);
        this.ticker = fleet.runtime().scheduler().scheduleWithFixedDelay(this::tick, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Connects (blocking) with the client certificate and starts publishing this shard's status. */
    public static FleetCoordinator start(Fleet fleet, NodeIdentities ids, String run, Duration interval)
            throws IOException, InterruptedException {
        McoClient c = fleet.connectClient("mconats-fleet-" + run + "-shard-" + ids.shard(), fleet.servers().startingAt(ids.shard()));
        return new FleetCoordinator(c, fleet, ids, run, interval);
    }

    private void tick() {
        try {
            client.connection().publish(statusSubject,
                    (ids.shard() + " " + fleet.state().live() + " " + ids.localSize()).getBytes(StandardCharsets.US_ASCII));
            // A node shard whose client shard went silent (died) stops waiting for its end signal.
            Status zero = latest.get(0);
            if (ids.shard() != 0 && zero != null && System.currentTimeMillis() - zero.atMillis() > silence()) {
                end.complete("the client shard (0) has been silent for " + (System.currentTimeMillis() - zero.atMillis()) / 1000 + " s");
            }
        } catch (RuntimeException e) {
            // a status lost while reconnecting: the next tick sends a fresh one
        }
    }

    private long silence() {
        return Math.max(30_000, interval.toMillis() * 10);
    }

    private void parse(String payload) {
        String[] f = payload.trim().split(" ");
        if (f.length != 3) {
            return;
        }
        try {
            int shard = Integer.parseInt(f[0]);
            latest.put(shard, new Status(shard, Integer.parseInt(f[1]), Integer.parseInt(f[2]), System.currentTimeMillis()));
        } catch (NumberFormatException ignored) {
            // not ours: someone else publishing on the subject
        }
    }

    /** Nodes live across all shards by their latest fresh status. */
    public long liveFleetWide() {
        long now = System.currentTimeMillis();
        return latest.values().stream().filter(s -> now - s.atMillis() <= silence()).mapToLong(Status::live).sum();
    }

    /** True when every shard 0..k-1 reported recently that all its nodes are live. */
    public boolean fleetUp() {
        long now = System.currentTimeMillis();
        for (int i = 0; i < ids.shards(); i++) {
            Status s = latest.get(i);
            if (s == null || now - s.atMillis() > silence() || s.live() < s.nodes()) {
                return false;
            }
        }
        return true;
    }

    /** Completes with true when the whole fleet is up, false at the deadline. Polled on the shared scheduler. */
    public CompletableFuture<Boolean> awaitFleet(long timeoutMillis) {
        CompletableFuture<Boolean> result = new CompletableFuture<>();
        long deadline = System.currentTimeMillis() + timeoutMillis;
        ScheduledFuture<?> poll = fleet.runtime().scheduler().scheduleWithFixedDelay(() -> {
            if (fleetUp()) {
                result.complete(true);
            } else if (System.currentTimeMillis() >= deadline) {
                result.complete(false);
            }
        }, 0, 100, TimeUnit.MILLISECONDS);
        result.whenComplete((v, e) -> poll.cancel(false));
        return result;
    }

    /** One shard's status as last heard, for the progress view; {@code silent}: not heard for too long. */
    public record Heard(int shard, int live, int nodes, boolean silent) {
    }

    /** Every shard heard so far, by shard. */
    public List<Heard> statuses() {
        long now = System.currentTimeMillis();
        return latest.values().stream().sorted(Comparator.comparingInt(Status::shard))
                .map(s -> new Heard(s.shard(), s.live(), s.nodes(), now - s.atMillis() > silence())).toList();
    }

    /** "k of n nodes live (shard 0: a of b, shard 1: no status, ...)" for a KO message. */
    public String describe() {
        long now = System.currentTimeMillis();
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < ids.shards(); i++) {
            Status s = latest.get(i);
            if (s == null) {
                parts.add("shard " + i + ": no status");
            } else if (now - s.atMillis() > silence()) {
                parts.add("shard " + i + ": silent for " + (now - s.atMillis()) / 1000 + " s");
            } else {
                parts.add("shard " + i + ": " + s.live() + " of " + s.nodes());
            }
        }
        return liveFleetWide() + " of " + ids.fleetSize() + " nodes live (" + String.join(", ", parts) + ")";
    }

    /** The client shard is done: tells the node shards to release their nodes. */
    public void announceEnd() {
        try {
            client.connection().publish(endSubject, new byte[0]);
            client.connection().flush(Duration.ofSeconds(5));
        } catch (Exception e) {
            // the node shards then stop when this shard falls silent
        }
        end.complete("this shard finished");
    }

    /** Completes (with the reason) when the run ends for this shard's nodes. */
    public CompletableFuture<String> end() {
        return end;
    }

    @Override
    public void close() {
        ticker.cancel(false);
        try {
            client.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
