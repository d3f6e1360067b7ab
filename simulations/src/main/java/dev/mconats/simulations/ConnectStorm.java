package dev.mconats.simulations;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.details;
import static io.gatling.javaapi.core.CoreDsl.scenario;

import dev.mconats.gatling.NatsDsl;
import dev.mconats.reports.progress.Estimate;
import io.gatling.javaapi.core.ScenarioBuilder;
import java.util.Optional;

/**
 * N nodes connecting as fast as they can: all node users start at once, up to {@code connect-concurrency}
 * (default 1000) handshakes in flight, failed ones retrying with Choria's backoff. The "connect" request shows
 * handshake latency and every failed attempt; "fleet ready" the time until all are in. Then one discovery proves
 * every node is reachable. Claims: the whole fleet gets in, and the discovery after the storm is complete.
 */
public class ConnectStorm extends McoSimulation {
    public ConnectStorm() {
        super("single", 0, 1000);
        ScenarioBuilder clients = scenario("clients")
                .exec(NatsDsl.connectClient())
                .exec(NatsDsl.awaitFleet(params.fleetReadyTimeout()))
                .pause(this::stagger)
                .exec(round())
                .exec(NatsDsl.finish())
                .exec(NatsDsl.disconnect());
        setUp(nodes().injectOpen(atOnceUsers(run.identities().localSize())),
                clients.injectOpen(atOnceUsers(setup.clients())))
                .protocols(nats())
                .maxDuration(params.maxDuration())
                .assertions(
                        details("fleet ready").successfulRequests().percent().is(100.0),
                        details("discovery").successfulRequests().percent().is(100.0));
    }

    /** All nodes at once (no ramp to wait for), then one round and no warm-up. */
    @Override
    protected Estimate.Plan progressPlan() {
        return new Estimate.Plan(run.identities().localSize(), 0, 0, 1, params.roundInterval(), setup.clients(), Optional.empty());
    }
}
