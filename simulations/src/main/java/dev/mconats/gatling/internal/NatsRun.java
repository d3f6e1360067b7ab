package dev.mconats.gatling.internal;

import dev.mconats.fleet.Fleet;
import dev.mconats.fleet.McoClient;
import dev.mconats.fleet.NodeIdentities;
import dev.mconats.fleet.SimulatedNode;
import dev.mconats.mco.NodeInventory;
import dev.mconats.storm.FaultPlan;
import dev.mconats.storm.StormRecord;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One load run as the virtual users see it: the fleet (threads, TLS, servers, counters), which identities this
 * injector simulates, how many handshakes may be in flight, the run's phases, and the injector's own statistics.
 * Built by the simulation, handed to the protocol; closed once when Gatling's actor system terminates.
 */
public final class NatsRun implements AutoCloseable {
    private final Fleet fleet;
    private final NodeIdentities identities;
    private final RunControl control;
    private final InjectorStats stats;
    private final ConnectSlots connectSlots;
    private final int connectPermitCount;
    private final Duration connectRetryFor;
    private final Duration subscribeTimeout;
    private final Set<McoClient> clients = ConcurrentHashMap.newKeySet();
    private volatile StormRecord storm;
    private final HeapSettler settler;
    private final AtomicInteger nextNode = new AtomicInteger();
    private final AtomicInteger nextClient = new AtomicInteger();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile dev.mconats.fleet.FleetCoordinator coordinator;

    /**
     * @param connectConcurrency handshakes this injector runs at once (the rest queue): the injector's CPU, not the
     *                           server, should decide the pace of an initial ramp
     * @param connectRetryFor    a node whose connect fails retries with Choria's backoff for this long
     */
    public NatsRun(Fleet fleet, NodeIdentities identities, RunControl control, InjectorStats stats, int connectConcurrency,
                   Duration connectRetryFor, Duration subscribeTimeout, boolean settleHeap) {
        this.fleet = fleet;
        this.identities = identities;
        this.control = control;
        this.stats = stats;
        this.connectPermitCount = connectConcurrency;
        this.connectSlots = new ConnectSlots(connectConcurrency, fleet.runtime().nodeExecutor());
        this.connectRetryFor = connectRetryFor;
        this.subscribeTimeout = subscribeTimeout;
        this.settler = new HeapSettler(settleHeap, stats);
    }

    /** Collects the injector's heap between rounds (see {@link HeapSettler}). */
    public HeapSettler settler() {
        return settler;
    }

    public Fleet fleet() {
        return fleet;
    }

    public NodeIdentities identities() {
        return identities;
    }

    public RunControl control() {
        return control;
    }

    public InjectorStats stats() {
        return stats;
    }

    /** The handshakes in flight: at most {@link #connectConcurrency()}. */
    public ConnectSlots connectSlots() {
        return connectSlots;
    }

    public int connectConcurrency() {
        return connectPermitCount;
    }

    public Duration connectRetryFor() {
        return connectRetryFor;
    }

    public Duration subscribeTimeout() {
        return subscribeTimeout;
    }

    /** A storm run: what its fault driver does to the cluster, and where it records what happened. */
    public StormRecord attachStorm(FaultPlan plan) {
        storm = new StormRecord(plan, identities.fleetSize());
        return storm;
    }

    public Optional<StormRecord> storm() {
        return Optional.ofNullable(storm);
    }

    /** A client connected (its connection is the run's own, not a node's: servers' counts are corrected for it). */
    public void clientConnected(McoClient client) {
        clients.add(client);
    }

    public List<McoClient> clients() {
        return List.copyOf(clients);
    }

    /** A sharded run: "fleet ready" then waits for every shard's nodes, not only this injector's. */
    public void coordinate(dev.mconats.fleet.FleetCoordinator c) {
        this.coordinator = c;
    }

    public Optional<dev.mconats.fleet.FleetCoordinator> coordinator() {
        return Optional.ofNullable(coordinator);
    }

    /**
     * The next node user's node: its identity and inventory follow from its fleet index; fails when more node users
     * start than this shard has identities.
     */
    public SimulatedNode nextNode() {
        int i = nextNode.getAndIncrement();
        return fleet.node(identities.local(i), NodeInventory.simulated(identities.fleetIndex(i)));
    }

    public int nextClientIndex() {
        return nextClient.getAndIncrement();
    }

    /** Releases holding nodes and closes every connection and thread; idempotent. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            control.abort();
            fleet.close();
            fleet.runtime().close();
        }
    }
}
