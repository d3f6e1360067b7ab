package dev.mconats.fleet;

import dev.mconats.mco.NodeInventory;
import dev.mconats.mco.NodeResponder;
import dev.mconats.mco.OutboundReply;
import dev.mconats.mco.RequestFactory;
import dev.mconats.mco.Subjects;
import io.nats.client.Connection;
import io.nats.client.ConnectionListener;
import io.nats.client.Dispatcher;
import io.nats.client.Message;
import io.nats.client.MessageHandler;
import io.nats.client.Nats;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One simulated MCollective node: its own TLS connection, the subscriptions a real node holds (no wildcards), and
 * a {@link NodeResponder} that verifies each request (signature, CA, caller, TTL) and answers discovery and
 * rpcutil#ping with real v1 envelopes. Reconnects with {@link ChoriaBackoff}; after each reconnect it counts as live
 * again only once the server has confirmed its re-sent subscriptions (a flush round trip).
 *
 * <p>Thread-safety: jnats calls {@link #onMessage} on the node's dispatcher thread and {@link #connectionEvent} on the
 * shared callback executor; the live/down bookkeeping is guarded by this object's monitor.
 */
public final class SimulatedNode implements MessageHandler, ConnectionListener, AutoCloseable {
    private final String identity;
    private final Fleet fleet;
    private final NodeResponder responder;
    private volatile Connection connection;
    private volatile ScheduledFuture<?> registration;
    private boolean live;
    private boolean closing;
    private long downSinceMillis;

    SimulatedNode(String identity, NodeInventory inventory, Fleet fleet) {
        this.identity = identity;
        this.fleet = fleet;
        this.responder = new NodeResponder(identity, fleet.spec().collectives(), fleet.spec().agents(), fleet.codec(),
                fleet.state()::rejected, inventory);
        // The first node of a fleet starts the JIT warm-up of the per-message path; it runs during the connect phase.
        fleet.runtime().warmUpOnce(() -> JitWarmup.run(fleet));
    }

    public String identity() {
        return identity;
    }

    /** One connection attempt over the given servers (blocking: TCP connect and TLS handshake). */
    public void connect(String[] urls) throws IOException, InterruptedException {
        Connection c = Nats.connect(fleet.nodeOptions(identity, urls, fleet.tls().nodeContext(identity), this));
        connection = c;
        fleet.opened(this);
    }

    /** Subscribes like a real node and waits (blocking) until the server has confirmed the subscriptions. */
    public void subscribe(Duration timeout) throws InterruptedException, TimeoutException {
        Connection c = requireConnection();
        Dispatcher d = c.createDispatcher(this);
        for (String subject : responder.subscriptions()) {
            d.subscribe(subject);
        }
        c.flush(timeout);
        synchronized (this) {
            if (closing || live) {
                return;
            }
            live = true;
        }
        fleet.state().nodeUp();
        startRegistration();
    }

    @Override
    public void onMessage(Message msg) {
        Optional<OutboundReply> reply = responder.handle(msg.getData(), msg.getSubject());
        if (reply.isEmpty()) {
            return;
        }
        // Counted before the publish: once a client holds the reply, the count must already include it (a node thread
        // parked inside publish under CPU pressure used to lose that race). Refused publishes are counted apart.
        fleet.state().replySent();
        try {
            connection.publish(reply.get().subject(), reply.get().payload());
        } catch (RuntimeException e) {
            fleet.state().publishFailed(); // e.g. closed or outgoing queue full while reconnecting
        }
    }

    @Override
    public void connectionEvent(Connection conn, Events type) {
        switch (type) {
            case DISCONNECTED -> {
                boolean wasLive;
                synchronized (this) {
                    wasLive = live && !closing;
                    if (wasLive) {
                        live = false;
                        downSinceMillis = System.currentTimeMillis();
                    }
                }
                if (wasLive) {
                    fleet.state().nodeDown();
                }
            }
            case RESUBSCRIBED -> confirmResubscribed(conn);
            default -> {
                // CONNECTED, CLOSED, DISCOVERED_SERVERS, LAME_DUCK: nothing to count
            }
        }
    }

    // Runs on the shared callback executor (a virtual thread): blocking on the flush is fine here.
    private void confirmResubscribed(Connection conn) {
        try {
            conn.flush(Duration.ofSeconds(10));
        } catch (TimeoutException | InterruptedException | IllegalStateException e) {
            return; // cut off again: the next RESUBSCRIBED will try again
        }
        long downAt;
        synchronized (this) {
            if (live || closing || downSinceMillis == 0) {
                return;
            }
            live = true;
            downAt = downSinceMillis;
            downSinceMillis = 0;
        }
        fleet.state().nodeBack(identity, downAt, System.currentTimeMillis());
    }

    private void startRegistration() {
        Duration interval = fleet.spec().registrationInterval();
        if (interval.isZero()) {
            return;
        }
        long every = interval.toMillis();
        long splay = ThreadLocalRandom.current().nextLong(every);
        registration = fleet.runtime().scheduler().scheduleAtFixedRate(
                () -> fleet.runtime().virtualThreads().execute(this::publishRegistration), splay, every, TimeUnit.MILLISECONDS);
    }

    // Registration is an ordinary signed request to the registration agent, signed with the node certificate.
    private void publishRegistration() {
        Connection c = connection;
        if (c == null || c.getStatus() != Connection.Status.CONNECTED) {
            return;
        }
        String collective = fleet.spec().mainCollective();
        RequestFactory factory = new RequestFactory(fleet.tls().nodeSigner(), identity, fleet.codec(), 60);
        byte[] body = ("{\"identity\":\"" + identity + "\",\"timestamp\":" + fleet.codec().nowSeconds() + "}")
                .getBytes(StandardCharsets.UTF_8);
        var request = factory.broadcast(collective, "registration", body, dev.mconats.mco.Filter.EMPTY);
        try {
            c.publish(Subjects.registration(collective), request.payload());
            fleet.state().registrationSent();
        } catch (RuntimeException e) {
            fleet.state().publishFailed();
        }
    }

    public boolean isLive() {
        synchronized (this) {
            return live;
        }
    }

    public Connection connection() {
        return connection;
    }

    private Connection requireConnection() {
        Connection c = connection;
        if (c == null) {
            throw new IllegalStateException(identity + " is not connected");
        }
        return c;
    }

    /** Closes the connection (blocking); end-of-run closes are not counted as outages. */
    @Override
    public void close() throws InterruptedException {
        boolean wasLive;
        boolean wasDown;
        synchronized (this) {
            if (closing) {
                return;
            }
            closing = true;
            wasLive = live;
            wasDown = !live && downSinceMillis != 0;
            live = false;
        }
        if (wasLive) {
            fleet.state().nodeClosed();
        } else if (wasDown) {
            fleet.state().downNodeClosed();
        }
        ScheduledFuture<?> r = registration;
        if (r != null) {
            r.cancel(false);
        }
        Connection c = connection;
        if (c != null) {
            c.close();
        }
        fleet.forget(this);
    }
}
