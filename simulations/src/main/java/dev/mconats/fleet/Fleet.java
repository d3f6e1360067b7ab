package dev.mconats.fleet;

import dev.mconats.mco.Codec;
import dev.mconats.mco.NodeInventory;
import dev.mconats.mco.RequestFactory;
import dev.mconats.mco.Verifier;
import dev.mconats.targetmodel.NatsClientOptions;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollSocketChannel;
import io.nats.client.Connection;
import io.nats.client.ErrorListener;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Everything the simulated nodes and clients of one run share: threads, TLS material, what a node is, where the
 * servers are, one {@link Codec} whose {@link Verifier} memoises signatures (20,000 deliveries of one broadcast pay
 * for one check), and the live counters. Knows every open connection so that a run cut short still closes them all.
 *
 * <p>Every simulated connection is made here, to an address the run's {@link LoadScope} admitted: nodes through
 * {@link #connect} (checked again right before the socket opens), clients through jnats with a
 * {@link GuardedServerPool}. A fleet cannot be built without a {@link ServerList}, and a server list cannot be built
 * without the scope's check.
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
    private final Bootstrap nodeBootstrap;
    private final Map<String, String> canonical = new ConcurrentHashMap<>();
    private final AtomicInteger sourceAddresses = new AtomicInteger();
    /** Linux (epoll) only: elsewhere 127.0.0.1 may be the only loopback address configured. */
    private final boolean ownSourceAddresses;
    private volatile ConnectWarmup.Result connectWarmup = ConnectWarmup.Result.NONE;

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
        int socketBuffer = nodeTuning.socketBufferSize();
        Bootstrap b = new Bootstrap().group(runtime.nodeLoops()).channel(runtime.nodeChannel())
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) nodeTuning.connectTimeout().toMillis())
                .option(ChannelOption.TCP_NODELAY, true);
        if (socketBuffer > 0) {
            b.option(ChannelOption.SO_RCVBUF, socketBuffer).option(ChannelOption.SO_SNDBUF, socketBuffer);
        }
        this.ownSourceAddresses = runtime.nodeChannel() == EpollSocketChannel.class;
        if (ownSourceAddresses) {
            b.option(EpollChannelOption.IP_BIND_ADDRESS_NO_PORT, true); // a node's source port is chosen at connect
        }
        this.nodeBootstrap = b;
        // Load the TLS library and build the nodes' context now: done lazily by the first connection, it would run
        // while a server's TLS timeout (2 s in the seed layout) is already counting that connection's handshake.
        tls.nodeSsl();
    }

    /**
     * A fleet for the warm-ups, over the same runtime, TLS material and servers but with its own counters and codec and
     * the warm-ups' private collective: for work that must run the real node and client code without counting as this
     * fleet's traffic ({@link JitWarmup}).
     */
    Fleet warmupSibling() {
        return warmupSibling(tls, servers);
    }

    /**
     * Runs the connect warm-up ({@link ConnectWarmup}): {@code connections} node connections to an in-process endpoint,
     * {@code inFlight} at a time, then a bounded wait for the JIT to drain. Blocks; call before the fleet connects.
     */
    public ConnectWarmup.Result warmUpConnectPath(int connections, int inFlight) {
        connectWarmup = ConnectWarmup.run(this, connections, inFlight);
        return connectWarmup;
    }

    /** What the connect warm-up did (all zero when it did not run). */
    public ConnectWarmup.Result connectWarmup() {
        return connectWarmup;
    }

    /**
     * A warm-up fleet as {@link #warmupSibling()} whose nodes trust {@code tls} and connect only to the injector's own
     * in-process endpoint at {@code endpoint} ({@link ConnectWarmup}).
     */
    Fleet warmupSibling(FleetTls tls, InetSocketAddress endpoint) {
        return warmupSibling(tls, ServerList.inProcess(endpoint));
    }

    // this fleet's agents in a collective no node of the run subscribes to, no registration
    private Fleet warmupSibling(FleetTls warmTls, ServerList warmServers) {
        FleetSpec warmSpec = new FleetSpec(List.of(JitWarmup.COLLECTIVE), spec.agents(), java.time.Duration.ZERO);
        return new Fleet(runtime, warmTls, warmSpec, warmServers, nodeTuning, clientTuning, codec.clock());
    }

    /**
     * Starts the JIT warm-up of the message path ({@link JitWarmup}) once per runtime, in the background, and completes
     * when it is done: called when this injector's nodes are all connected, so that it runs before the first broadcast
     * rather than among the handshakes. Small fleets are warmed up too: its 2,000 requests are also the load at
     * which a short run's capacity report can fit the servers' CPU per message (docs/reports.md).
     */
    public CompletableFuture<Void> warmUpMessagePath() {
        return runtime.warmUpOnce(() -> JitWarmup.run(this));
    }

    public SimulatedNode node(String identity) {
        return node(identity, NodeInventory.NONE);
    }

    /** A node with the facts and classes request filters are matched against. */
    public SimulatedNode node(String identity, NodeInventory inventory) {
        return new SimulatedNode(identity, inventory, this);
    }

    /** Opens a client connection (blocking) to the given servers (the run's, see {@link ServerList}), first one first. */
    public McoClient connectClient(String name, String[] urls) throws IOException, InterruptedException {
        for (String u : urls) {
            servers.address(u); // refuses anything the run's scope did not check
        }
        Options.Builder b = NatsClientOptions.reconnecting(urls, tls.clientContext(), name)
                .serverPool(new GuardedServerPool(servers)).reconnectDelayHandler(ChoriaBackoff.INSTANCE).errorListener(errors);
        clientTuning.apply(b);
        runtime.apply(b);
        Connection c = Nats.connect(b.build());
        McoClient client = new McoClient(c, new RequestFactory(tls.clientSigner(), codec), codec, runtime.scheduler(),
                this::forget);
        open.add(client);
        return client;
    }

    /**
     * Opens a node connection to {@code address}: the one place a node socket is made, after the scope's last check.
     */
    ChannelFuture connect(NodeConnection connection, InetSocketAddress address, InetAddress loopbackSource) {
        servers.scope().requireAdmitted(address);
        Bootstrap b = nodeBootstrap.clone().handler(connection);
        return ownSourceAddresses && address.getAddress() instanceof Inet4Address && address.getAddress().isLoopbackAddress()
                ? b.connect(address, new InetSocketAddress(loopbackSource, 0)) : b.connect(address);
    }

    /**
     * The address a node connects from when its server is on loopback: one of its own in 127.128.0.0/9, as every node
     * of a fleet connects from a host of its own. From one address, the kernel looks for a free source port among
     * those already connected to the same server, even ones first: past about 14,000 nodes on one server it scanned
     * them all on every connect (docs/load-performance.md). Servers outside loopback see the host's own address, and so
     * do all servers where the nodes run on NIO (not Linux).
     */
    InetAddress nextSourceAddress() {
        int i = sourceAddresses.getAndIncrement() & 0x7f_ffff;
        try {
            return InetAddress.getByAddress(new byte[] {127, (byte) (128 + (i >> 16)), (byte) (i >> 8), (byte) i});
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e); // four bytes are always an address
        }
    }

    NodeSsl nodeSsl() {
        return tls.nodeSsl();
    }

    /** The nodes' connection settings (connect timeout, PING interval, socket buffers). */
    public ConnectionTuning nodeTuning() {
        return nodeTuning;
    }

    /** One shared String per distinct subscription subject (thousands of nodes subscribe the same broadcast subjects). */
    String canonical(String subject) {
        return canonical.computeIfAbsent(subject, s -> s);
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
