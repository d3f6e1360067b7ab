package dev.mconats.simulations;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.details;
import static io.gatling.javaapi.core.CoreDsl.rampUsers;
import static io.gatling.javaapi.core.CoreDsl.scenario;

import dev.mconats.fleet.FleetCoordinator;
import dev.mconats.gatling.NatsDsl;
import io.gatling.javaapi.core.Assertion;
import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One shard of a fleet spread over several injectors ({@code shard} of {@code shards}; one injector is 0 of 1).
 * Every shard ramps its own slice of node identities; shard 0 also hosts the clients (one per server), which wait
 * until every shard reports all its nodes live, then run discovery rounds that must reach the WHOLE fleet (expected
 * replies = fleet size, each node counted once) and directed pings to random nodes of the whole fleet. When the
 * clients are done, shard 0 tells the other shards to release their nodes (see {@link FleetCoordinator}).
 * Claims: shard 0 as ClusterScaling (fleet ready, discovery 100 % and p99, directed 100 %); other shards: every node
 * that connected got its subscriptions. Fleet-wide figures come from merging the shards' records.
 */
public class FleetScaling extends McoSimulation {
    private final FleetCoordinator coordinator;

    public FleetScaling() {
        // Node shards have no clients: their nodes are held by one stand-in released on the end signal.
        super("cluster", s -> s.params().shard() == 0 ? s.clients() : 1, 64);
        try {
            coordinator = FleetCoordinator.start(run.fleet(), run.identities(), params.fleetRun(), Duration.ofSeconds(1));
        } catch (Exception e) {
            run.close();
            throw new IllegalStateException("the fleet control connection failed: " + e.getMessage(), e);
        }
        run.coordinate(coordinator);
        boolean clientShard = run.identities().shard() == 0;
        if (clientShard) {
            // off Gatling's event loop: the last client finishes there, and announcing flushes (blocking)
            run.control().end().thenRunAsync(coordinator::announceEnd, run.fleet().runtime().virtualThreads());
        } else {
            coordinator.end().thenRun(() -> {
                run.stats().steadyState(run.fleet().state().live());
                run.control().abort();
            });
        }
        List<PopulationBuilder> populations = new ArrayList<>();
        populations.add(nodes().injectOpen(rampUsers(run.identities().localSize()).during(rampDuration())));
        if (clientShard) {
            ScenarioBuilder clients = scenario("clients")
                    .exec(NatsDsl.connectClient())
                    .exec(NatsDsl.awaitFleet(params.fleetReadyTimeout()))
                    .pause(this::stagger)
                    .exec(warmupThenRounds())
                    .exec(NatsDsl.finish())
                    .exec(NatsDsl.disconnect());
            populations.add(clients.injectOpen(atOnceUsers(setup.clients())));
        }
        setUp(populations).protocols(nats()).maxDuration(params.maxDuration()).assertions(claims(clientShard));
    }

    private List<Assertion> claims(boolean clientShard) {
        List<Assertion> a = new ArrayList<>();
        if (clientShard) {
            a.add(details("fleet ready").successfulRequests().percent().is(100.0));
            a.addAll(warmupClaims());
            a.add(details("discovery").successfulRequests().percent().is(100.0));
            a.add(details("discovery").responseTime().percentile(99.0).lte(params.p99BoundMillis()));
            if (params.directed() > 0) {
                a.add(details("rpcutil ping (directed)").successfulRequests().percent().is(100.0));
            }
        } else {
            a.add(details("subscribe").successfulRequests().percent().is(100.0));
        }
        return a;
    }

    @Override
    public void after() {
        try {
            super.after();
        } finally {
            coordinator.close();
        }
    }
}
