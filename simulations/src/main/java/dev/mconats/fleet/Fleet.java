package dev.mconats.fleet;

import dev.mconats.mco.Codec;
import dev.mconats.mco.NodeInventory;
import dev.mconats.mco.RequestFactory;
import dev.mconats.mco.Verifier;
import io.nats.client.Connection;
import io.nats.client.ConnectionListener;
import io.nats.client.ErrorListener;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLContext;

/**
 * Everything the simulated nodes and clients of one run share: threads, TLS material, what a node is, where the
 * servers are, one {@link Codec} whose {@link Verifier} memoises signatures (20,000 deliveries of one broadcast pay
 * for one check), and the live counters. Knows every open connection so that a run cut short still closes them all.
 */
public final class Fleet implements AutoCloseable {
    private final NatsRuntime runtime;
    private final FleetTls tls;
    private final FleetSpec spec;
    private final ServerList servers;
    private final ConnectionTuning nodeTuning;
    private final ConnectionTuning clientTuning;
    private final FleetState state = new FleetState();
    private final Codec codec;
    private final Set<AutoCloseable> open = ConcurrentHashMap.newKeySet();
    private final ErrorListener errors;

    public Fleet(NatsRuntime runtime, FleetTls tls, FleetSpec spec, ServerList servers, ConnectionTuning nodeTuning,
                 ConnectionTuning clientTuning, Clock clock) {
        this.runtime = runtime;
        this.tls = tls;
        this.spec = spec;
        this.servers = servers;
        this.nodeTuning = nodeTuning;
        this.clientTuning = clientTuning;
        this.codec = new Codec(new Verifier(tls.ca()), clock);
        // jnats' default listener logs every error of every connection: during a storm that is the bottleneck.
        this.errors = new ErrorListener() {
            @Override
            public void errorOccurred(Connection conn, String error) {
                state.connectionError();
            }

            @Override
            public void exceptionOccurred(Connection conn, Exception exp) {
                state.connectionError();
            }
        };
    }

    /**
     * A fleet over the same runtime, TLS material and servers but with its own spec, counters and codec: for work
     * that must run the real node and client code without counting as this fleet's traffic (the JIT warm-up).
     */
    Fleet sibling(FleetSpec otherSpec) {
        return new Fleet(runtime, tls, otherSpec, servers, nodeTuning, clientTuning, codec.clock());
    }

    public SimulatedNode node(String identity) {
        return node(identity, NodeInventory.NONE);
    }

    /** A node with the facts and classes request filters are matched against. */
    public SimulatedNode node(String identity, NodeInventory inventory) {
        return new SimulatedNode(identity, inventory, this);
    }

    /** Opens a client connection (blocking) to the given servers, first one first. */
    public McoClient connectClient(String name, String[] urls) throws IOException, InterruptedException {
        Options.Builder b = new Options.Builder().servers(urls).noRandomize().sslContext(tls.clientContext())
                .connectionName(name).maxReconnects(-1).reconnectDelayHandler(ChoriaBackoff.INSTANCE)
                .errorListener(errors);
        clientTuning.apply(b);
        runtime.apply(b);
        Connection c = Nats.connect(b.build());
        McoClient client = new McoClient(c, new RequestFactory(tls.clientSigner(), codec), codec, runtime.scheduler(),
                this::forget);
        open.add(client);
        return client;
    }

    Options nodeOptions(String identity, String[] urls, SSLContext ssl, ConnectionListener listener) {
        Options.Builder b = new Options.Builder().servers(urls).noRandomize().sslContext(ssl)
                .connectionName(identity).maxReconnects(-1).reconnectDelayHandler(ChoriaBackoff.INSTANCE)
                .connectionListener(listener).errorListener(errors);
        nodeTuning.apply(b);
        runtime.apply(b);
        return b.build();
    }

    void opened(AutoCloseable c) {
        open.add(c);
    }

    void forget(AutoCloseable c) {
        open.remove(c);
    }

    public NatsRuntime runtime() {
        return runtime;
    }

    public FleetTls tls() {
        return tls;
    }

    public FleetSpec spec() {
        return spec;
    }

    public ServerList servers() {
        return servers;
    }

    public FleetState state() {
        return state;
    }

    public Codec codec() {
        return codec;
    }

    /** Connections still open. */
    public int openConnections() {
        return open.size();
    }

    /** Closes every connection still open, in parallel on virtual threads. */
    @Override
    public void close() {
        List<CompletableFuture<Void>> closing = new ArrayList<>();
        for (AutoCloseable c : List.copyOf(open)) {
            closing.add(CompletableFuture.runAsync(() -> {
                try {
                    c.close();
                } catch (Exception ignored) {
                    // closing at the end of a run: nothing left to report to
                }
            }, runtime.virtualThreads()));
        }
        CompletableFuture.allOf(closing.toArray(CompletableFuture[]::new)).join();
        open.clear();
    }
}
