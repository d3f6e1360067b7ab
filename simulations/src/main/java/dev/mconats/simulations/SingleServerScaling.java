package dev.mconats.simulations;

import static io.gatling.javaapi.core.CoreDsl.details;
import static io.gatling.javaapi.core.CoreDsl.rampUsers;
import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.scenario;

import dev.mconats.gatling.NatsDsl;
import io.gatling.javaapi.core.Assertion;
import io.gatling.javaapi.core.ScenarioBuilder;
import java.util.ArrayList;
import java.util.List;

/**
 * Ramp N simulated nodes onto the target (by default the embedded single server), wait until all are live, then run
 * discovery rounds at steady state (every node must answer every broadcast) plus directed rpcutil pings.
 * Claims, as Gatling assertions: the whole fleet connects; 100 % of discoveries complete (a missing reply is a KO);
 * p99 time-to-all-replies within {@code p99-bound-ms}; directed requests all answered.
 */
public class SingleServerScaling extends McoSimulation {
    public SingleServerScaling() {
        this("single");
    }

    protected SingleServerScaling(String defaultDeployment) {
        super(defaultDeployment, 0, 64);
        ScenarioBuilder clients = scenario("clients")
                .exec(NatsDsl.connectClient())
                .exec(NatsDsl.awaitFleet(params.fleetReadyTimeout()))
                .pause(this::stagger)
                .exec(warmupThenRounds())
                .exec(NatsDsl.finish())
                .exec(NatsDsl.disconnect());
        int nodes = run.identities().localSize();
        setUp(nodes().injectOpen(rampUsers(nodes).during(rampDuration())),
                clients.injectOpen(atOnceUsers(setup.clients())))
                .protocols(nats())
                .maxDuration(params.maxDuration())
                .assertions(claims());
    }

    protected List<Assertion> claims() {
        List<Assertion> a = new ArrayList<>();
        a.add(details("fleet ready").successfulRequests().percent().is(100.0));
        a.addAll(warmupClaims());
        a.add(details("discovery").successfulRequests().percent().is(100.0));
        a.add(details("discovery").responseTime().percentile(99.0).lte(params.p99BoundMillis()));
        if (params.directed() > 0) {
            a.add(details("rpcutil ping (directed)").successfulRequests().percent().is(100.0));
        }
        return a;
    }
}
