package dev.mconats.fleet;

import dev.mconats.mco.Filter;
import dev.mconats.mco.NodeInventory;
import dev.mconats.mco.NodeResponder;
import dev.mconats.mco.OutboundReply;
import dev.mconats.mco.RequestFactory;
import dev.mconats.mco.Subjects;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One simulated MCollective node: its own TLS connection (a {@link NodeConnection} on the runtime's event loops:
 * own engine, full handshake, the node certificate, trust in the Puppet CA only), the subscriptions a real node holds
 * (no wildcards), and a {@link NodeResponder} that verifies each request (signature, CA, caller, TTL) and answers
 * discovery and rpcutil#ping with real v1 envelopes.
 *
 * <p>A node subscribes as it connects: CONNECT, its SUBs and a PING go out in one flush, and the server's PONG
 * confirms them; from that PONG on the node is live ({@link FleetState#live()}). When a live node loses its server it
 * is down ({@link FleetState#down()}) and reconnects with Choria's policy ({@link ChoriaBackoff}): an immediate pass
 * over its server list (the server it lost last, as nats.go orders its pool), then a pass after each jittered wait,
 * forever; it is back ({@code FleetState.nodeBack}) when its re-sent subscriptions are confirmed. Each node keeps
 * its own random server order; servers the cluster gossips join it once the run's {@link LoadScope} admits them.
 *
 * <p>{@link #server()} is the URL of the server the node is live on right now ({@link FleetState#liveByServer()}
 * counts them per server).
 *
 * <p>Thread-safety: the connection calls back on its event loop; connect, publish and close may be called from any
 * thread; the live/down bookkeeping is guarded by this object's monitor.
 */
public final class SimulatedNode implements AutoCloseable {
    private final String identity;
    private final Fleet fleet;
    private final NodeResponder responder;
    private final String[] subjects;
    private final InetAddress source;
    private volatile String server;
    private volatile NodeConnection current;
    private volatile ScheduledFuture<?> registration;
    // guarded by this
    private String[] servers;
    private NodeConnection connecting;
    private int attemptIndex;
    private int rounds;
    private CompletableFuture<Void> initial;
    private boolean live;
    private boolean closing;
    private long downSinceMillis;

    SimulatedNode(String identity, NodeInventory inventory, Fleet fleet) {
        this.identity = identity;
        this.fleet = fleet;
        this.source = fleet.nextSourceAddress();
        this.responder = new NodeResponder(identity, fleet.spec().collectives(), fleet.spec().agents(), fleet.codec(),
                fleet.state()::rejected, inventory);
        // broadcast subjects are the same for every node: one shared String each
        List<String> subs = responder.subscriptions();
        this.subjects = new String[subs.size()];
        for (int i = 0; i < subjects.length; i++) {
            String s = subs.get(i);
            subjects[i] = s.endsWith(identity) ? s : fleet.canonical(s);
        }
    }

    public String identity() {
        return identity;
    }

    /** One connection attempt over the given servers, first to last (blocking: TCP, TLS, CONNECT/SUB/PONG). */
    public void connect(String[] urls) throws IOException, InterruptedException {
        try {
            connectAsync(urls).get();
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            throw c instanceof IOException io ? io : new IOException(c.getMessage(), c);
        }
    }

    /**
     * Connects over {@code urls} (each one of the run's {@link ServerList}, first to last, once); completes when the
     * node is live, or exceptionally with the last server's error when none accepted it. Never blocks.
     */
    public CompletableFuture<Void> connectAsync(String[] urls) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        if (urls.length == 0) {
            done.completeExceptionally(new IOException("no servers"));
            return done;
        }
        for (String u : urls) {
            fleet.servers().address(u); // refuses anything the run's scope did not check
        }
        synchronized (this) {
            if (closing || live || connecting != null || initial != null) {
                done.completeExceptionally(new IOException(identity + " is " + (closing ? "closed" : "already connected")));
                return done;
            }
            servers = urls.clone();
            initial = done;
            rounds = 0;
        }
        fleet.opened(this);
        attempt(0);
        return done;
    }

    private void attempt(int index) {
        String url;
        synchronized (this) {
            if (closing) {
                return;
            }
            attemptIndex = index;
            url = servers[index];
        }
        NodeConnection c = new NodeConnection(this, url, fleet.nodeTuning().connectTimeout().toMillis(),
                fleet.nodeTuning().pingInterval().toMillis());
        synchronized (this) {
            connecting = c;
        }
        InetSocketAddress address;
        try {
            address = fleet.servers().address(url);
        } catch (RuntimeException e) {
            onAttemptFailed(c, e.getMessage());
            return;
        }
        ChannelFuture f = fleet.connect(c, address, source);
        f.addListener(done -> {
            if (!done.isSuccess()) {
                onAttemptFailed(c, c.failure() != null ? c.failure()
                        : "cannot connect to " + url + ": " + NodeConnection.describe(done.cause()));
            }
        });
    }

    /** The attempt {@code c} ended without the node becoming live: next server, next pass, or give up (initial). */
    void onAttemptFailed(NodeConnection c, String why) {
        int next;
        CompletableFuture<Void> failed = null;
        boolean reconnecting;
        synchronized (this) {
            if (c != connecting) {
                return;
            }
            connecting = null;
            if (closing) {
                return;
            }
            reconnecting = initial == null;
            if (reconnecting) {
                fleet.state().reconnectAttemptFailed();
            }
            next = attemptIndex + 1;
            if (next >= servers.length) {
                next = 0;
                if (!reconnecting) {
                    failed = initial;
                    initial = null;
                }
            }
        }
        if (failed != null) {
            failed.completeExceptionally(new IOException(why));
        } else if (reconnecting) {
            reconnect(next);
        } else {
            attempt(next);
        }
    }

    /**
     * Reconnect attempt to server {@code index} of the list, after the backoff when nats.go's reconnect loop waits
     * there: once per pass over the servers, right before the pass's last one ({@link #waitsBefore}).
     */
    private void reconnect(int index) {
        long wait = -1;
        synchronized (this) {
            if (waitsBefore(index, servers.length)) {
                rounds++;
                wait = ChoriaBackoff.INSTANCE.getWaitTime(rounds).toMillis();
            }
        }
        if (wait >= 0) {
            fleet.runtime().scheduler().schedule(() -> attempt(index), wait, TimeUnit.MILLISECONDS);
        } else {
            attempt(index);
        }
    }

    /**
     * nats.go's reconnect loop (doReconnect) sleeps its reconnect delay before the attempt that completes a pass over
     * the pool, whose last server is the one just lost: with three servers the other two are tried at once, and a node
     * whose only server went away waits one backoff step before its first attempt.
     */
    static boolean waitsBefore(int index, int servers) {
        return index >= servers - 1;
    }

    /** The server confirmed CONNECT and the subscriptions: the node is live. False if it should not be (closing). */
    boolean onLive(NodeConnection c) {
        CompletableFuture<Void> first;
        long downAt;
        synchronized (this) {
            if (closing || c != connecting) {
                return false;
            }
            connecting = null;
            current = c;
            server = c.url();
            live = true;
            rounds = 0;
            downAt = downSinceMillis;
            downSinceMillis = 0;
            first = initial;
            initial = null;
        }
        if (downAt != 0) {
            fleet.state().nodeBack(identity, downAt, System.currentTimeMillis(), c.url());
        } else {
            fleet.state().nodeUp(c.url());
            startRegistration();
        }
        if (first != null) {
            first.complete(null);
        }
        return true;
    }

    /** The live connection {@code c} is gone: the node is down and starts reconnecting as nats.go does. */
    void onLost(NodeConnection c) {
        synchronized (this) {
            if (c != current) {
                return;
            }
            current = null;
            server = null;
            if (!live || closing) {
                live = false;
                return;
            }
            live = false;
            downSinceMillis = System.currentTimeMillis();
            // the server just lost goes last, as nats.go orders its pool after a disconnect
            int i = Arrays.asList(servers).indexOf(c.url());
            if (i >= 0 && servers.length > 1) {
                String[] order = new String[servers.length];
                int k = 0;
                for (int j = 0; j < servers.length; j++) {
                    if (j != i) {
                        order[k++] = servers[j];
                    }
                }
                order[k] = c.url();
                servers = order;
            }
            rounds = 0;
        }
        fleet.state().nodeDown(c.url());
        reconnect(0);
    }

    /** Servers a member gossiped: those the run's scope admits join this node's list (at its end). */
    void learn(List<String> gossiped) {
        for (String g : gossiped) {
            Optional<String> url = fleet.servers().learn(g);
            if (url.isEmpty()) {
                continue;
            }
            synchronized (this) {
                if (!Arrays.asList(servers).contains(url.get())) {
                    String[] more = Arrays.copyOf(servers, servers.length + 1);
                    more[servers.length] = url.get();
                    servers = more;
                }
            }
        }
    }

    void onMessage(NodeConnection c, int sid, byte[] payload) {
        if (sid < 1 || sid > subjects.length) {
            return;
        }
        Optional<OutboundReply> reply = responder.handle(payload, subjects[sid - 1]);
        if (reply.isEmpty()) {
            return;
        }
        // Counted before the publish: once a client holds the reply, the count must already include it.
        // Refused publishes (connection gone, server's max_payload, outgoing buffer full) are counted apart.
        fleet.state().replySent();
        Channel ch = c.channel();
        if (ch == null || !ch.isWritable() || !c.publish(reply.get().subject(), reply.get().payload(), null)) {
            fleet.state().publishFailed();
        }
    }

    void serverError() {
        fleet.state().connectionError();
    }

    NodeSsl ssl() {
        return fleet.nodeSsl();
    }

    String[] subjects() {
        return subjects;
    }

    /**
     * Publishes from this node's connection; completes once the server has processed it (PUB and a PING in one
     * flush, answered), or exceptionally when the node is not live or loses its connection first.
     */
    public CompletableFuture<Void> publish(String subject, byte[] payload) {
        CompletableFuture<Void> confirmed = new CompletableFuture<>();
        NodeConnection c = current;
        if (c == null || !c.publish(subject, payload, confirmed)) {
            confirmed.completeExceptionally(new IOException(identity + " is not connected"));
        }
        return confirmed;
    }

    /**
     * The subscriptions went out with CONNECT and were confirmed by the PONG that made the node live: returns at once
     * when the node is live, fails when it is not.
     */
    public void subscribe(Duration timeout) throws InterruptedException, TimeoutException {
        if (!isLive()) {
            throw new IllegalStateException(identity + " is not connected");
        }
    }

    private void startRegistration() {
        Duration interval = fleet.spec().registrationInterval();
        if (interval.isZero() || registration != null) {
            return;
        }
        long every = interval.toMillis();
        long splay = ThreadLocalRandom.current().nextLong(every);
        registration = fleet.runtime().scheduler().scheduleAtFixedRate(this::publishRegistration, splay, every,
                TimeUnit.MILLISECONDS);
    }

    // Registration is an ordinary signed request to the registration agent, signed with the node certificate.
    private void publishRegistration() {
        NodeConnection c = current;
        if (c == null) {
            return;
        }
        String collective = fleet.spec().mainCollective();
        RequestFactory factory = new RequestFactory(fleet.tls().nodeSigner(), identity, fleet.codec(), 60);
        byte[] body = ("{\"identity\":\"" + identity + "\",\"timestamp\":" + fleet.codec().nowSeconds() + "}")
                .getBytes(StandardCharsets.UTF_8);
        var request = factory.broadcast(collective, "registration", body, Filter.EMPTY);
        if (c.publish(Subjects.registration(collective), request.payload(), null)) {
            fleet.state().registrationSent();
        } else {
            fleet.state().publishFailed();
        }
    }

    public boolean isLive() {
        synchronized (this) {
            return live;
        }
    }

    /** The servers this node tries, in its order (a copy). */
    synchronized List<String> serverOrder() {
        return servers == null ? List.of() : List.of(servers);
    }

    /** URL ({@code tls://address:port}) of the server this node is live on right now; null while it is not live. */
    public String server() {
        return server;
    }

    /** Closes the connection (waits up to 2 s for it); end-of-run closes are not counted as outages. */
    @Override
    public void close() throws InterruptedException {
        boolean wasLive;
        boolean wasDown;
        NodeConnection c;
        NodeConnection k;
        CompletableFuture<Void> pending;
        String on;
        synchronized (this) {
            if (closing) {
                return;
            }
            closing = true;
            wasLive = live;
            wasDown = !live && downSinceMillis != 0;
            live = false;
            c = current;
            k = connecting;
            pending = initial;
            initial = null;
            on = server;
            current = null;
            server = null;
        }
        if (wasLive) {
            fleet.state().nodeClosed(on);
        } else if (wasDown) {
            fleet.state().downNodeClosed();
        }
        ScheduledFuture<?> r = registration;
        if (r != null) {
            r.cancel(false);
        }
        if (pending != null) {
            pending.completeExceptionally(new IOException(identity + " closed"));
        }
        if (k != null) {
            k.close();
        }
        if (c != null && c.channel() != null) {
            c.channel().close().await(2, TimeUnit.SECONDS);
        }
        fleet.forget(this);
    }
}
