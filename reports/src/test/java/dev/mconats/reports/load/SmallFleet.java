package dev.mconats.reports.load;

import dev.mconats.targetmodel.NatsClientOptions;
import dev.mconats.targetmodel.ServerAddress;
import dev.mconats.targetmodel.Target;
import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.Nats;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLContext;

/**
 * A small real fleet for the report's integration test: jnats connections over verified TLS, one per simulated node,
 * spread round-robin over the servers, each subscribed like an MCollective node (its node subject and the discovery
 * agent) and answering discovery requests; plus one client that broadcasts discovery and times every reply.
 * Message sizes follow the estimates for protocol v1 (request ~2.9 KB, reply ~0.5 KB). Not the load simulator (that
 * is the simulations module): just enough traffic for the server figures to move.
 */
public final class SmallFleet implements AutoCloseable {
    private static final String DISCOVERY = "mcollective.broadcast.agent.discovery";
    private static final String REPLY_PREFIX = "mcollective.reply.2fd5cf3b6b4a41b1ec1bd4b5e4f8f1c4.";
    private static final byte[] REQUEST = new byte[2900];
    private static final byte[] PONG = new byte[500];

    private final Target target;
    private final List<ServerAddress> servers;
    private final SSLContext ssl;
    private final ExecutorService virtual = Executors.newVirtualThreadPerTaskExecutor();
    private final ScheduledExecutorService timers = Executors.newScheduledThreadPool(1);
    private final List<Connection> nodes = new CopyOnWriteArrayList<>();
    private final Connection client;
    private final ConcurrentHashMap<Long, Long> sentAt = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Long, List<Double>> replies = new ConcurrentHashMap<>();
    private final AtomicLong seq = new AtomicLong();
    private final AtomicLong missing = new AtomicLong();
    private volatile double p50 = Double.NaN;
    private volatile double p99 = Double.NaN;
    private volatile long roundsDone;

    public SmallFleet(Target target, List<ServerAddress> servers, SSLContext ssl) throws Exception {
        this.target = target;
        this.servers = servers;
        this.ssl = ssl;
        Arrays.fill(REQUEST, (byte) 'r');
        Arrays.fill(PONG, (byte) 'p');
        this.client = Nats.connect(options(servers.get(0), "mco-client").build());
        Dispatcher d = client.createDispatcher(m -> {
            long now = System.nanoTime();
            long id = Long.parseLong(m.getSubject().substring(REPLY_PREFIX.length()));
            Long t0 = sentAt.get(id);
            List<Double> l = replies.get(id);
            if (t0 != null && l != null) {
                l.add((now - t0) / 1e6);
            }
        });
        d.subscribe(REPLY_PREFIX + ">");
        client.flush(Duration.ofSeconds(5));
    }

    private io.nats.client.Options.Builder options(ServerAddress server, String name) {
        return NatsClientOptions.singleServer(target, server, ssl).connectionName(name)
                .executor(virtual).connectExecutor(virtual).callbackExecutor(virtual).scheduledExecutor(timers)
                .bufferSize(2048).maxControlLine(1024).receiveBufferSize(16384).sendBufferSize(16384)
                .reconnectBufferSize(65536).maxMessagesInOutgoingQueue(1000);
    }

    /** Connects {@code n} more nodes (in parallel), round-robin over the servers. */
    public void grow(int n) throws Exception {
        List<java.util.concurrent.Future<Connection>> f = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int index = nodes.size() + i;
            ServerAddress s = servers.get(index % servers.size());
            String identity = "node" + index + ".example.net";
            f.add(virtual.submit(() -> {
                Connection c = Nats.connect(options(s, identity).build());
                Dispatcher d = c.createDispatcher(m -> {
                    if (m.getReplyTo() != null) {
                        c.publish(m.getReplyTo(), PONG);
                    }
                });
                d.subscribe(DISCOVERY);
                d.subscribe("mcollective.node." + identity);
                c.flush(Duration.ofSeconds(5));
                return c;
            }));
        }
        for (var x : f) {
            nodes.add(x.get());
        }
    }

    /** Nodes whose connection is up. */
    public long live() {
        return nodes.stream().filter(c -> c.getStatus() == Connection.Status.CONNECTED).count();
    }

    /**
     * One discovery round: broadcast, wait for every live node's reply or the timeout, then record p50/p99 of the reply
     * times and add the replies that did not come to the missing count.
     */
    public void discover(Duration timeout) throws InterruptedException {
        long id = seq.incrementAndGet();
        long expected = live();
        List<Double> l = new CopyOnWriteArrayList<>();
        replies.put(id, l);
        sentAt.put(id, System.nanoTime());
        client.publish(DISCOVERY, REPLY_PREFIX + id, REQUEST);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (l.size() < expected && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        double[] v = l.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        replies.remove(id);
        sentAt.remove(id);
        missing.addAndGet(Math.max(0, expected - v.length));
        if (v.length > 0) {
            p50 = v[(int) Math.floor((v.length - 1) * 0.5)];
            p99 = v[Math.max(0, (int) Math.ceil(v.length * 0.99) - 1)];
        }
        roundsDone++;
    }

    public double p50() {
        return p50;
    }

    public double p99() {
        return p99;
    }

    public long missing() {
        return missing.get();
    }

    public long rounds() {
        return roundsDone;
    }

    @Override
    public void close() {
        // jnats' close drains and waits per connection: close them all at once, not one after the other
        try (ExecutorService closers = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Connection c : nodes) {
                closers.submit(() -> quietClose(c));
            }
            closers.submit(() -> quietClose(client));
        }
        virtual.shutdownNow();
        timers.shutdownNow();
    }

    private static void quietClose(Connection c) {
        try {
            c.close();
        } catch (Exception ignored) {
            // closing a connection to a killed server: nothing left to do
        }
    }
}
