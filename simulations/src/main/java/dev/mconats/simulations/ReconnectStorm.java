package dev.mconats.simulations;

import static io.gatling.javaapi.core.CoreDsl.asLongAs;
import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.details;
import static io.gatling.javaapi.core.CoreDsl.pause;
import static io.gatling.javaapi.core.CoreDsl.rampUsers;
import static io.gatling.javaapi.core.CoreDsl.scenario;

import dev.mconats.gatling.NatsDsl;
import dev.mconats.gatling.internal.RunControl;
import dev.mconats.targetmodel.TargetException;
import io.gatling.javaapi.core.ScenarioBuilder;

/**
 * Kill one cluster member mid-run (by default node 2 of the embedded 3-node mesh; the load command names it with
 * {@code kill-member}). The fleet ramps up and discovery runs; then the "fault" user SIGKILLs the member and times
 * "fleet recovered": until every node that lost its server is connected elsewhere with its subscriptions confirmed.
 * Each such node's outage is a "reconnect" request. Discovery keeps running and is reported as "discovery",
 * "discovery during recovery" and, for {@code rounds} rounds after recovery, "discovery after recovery".
 * Claims: recovery within {@code recovery-bound-ms}; no lost replies after recovery (100 % complete).
 */
public class ReconnectStorm extends McoSimulation {
    public ReconnectStorm() {
        super("cluster", 1, 64);
        if (run.fault().isEmpty()) {
            throw new TargetException(LoadParameters.PREFIX + "kill-member: ReconnectStorm needs the node folder of a member it "
                    + "may kill (the load command sets it for the embedded cluster)");
        }
        if (setup.servers().size() < 2) {
            throw new TargetException("ReconnectStorm needs a cluster target (at least 2 servers), "
                    + setup.target().name() + " has " + setup.servers().size());
        }
        ScenarioBuilder clients = scenario("clients")
                .exec(NatsDsl.connectClient())
                .exec(NatsDsl.awaitFleet(params.fleetReadyTimeout()))
                .pause(this::stagger)
                .exec(asLongAs(s -> run.control().phase() != RunControl.Phase.RECOVERED)
                        .on(pause(params.roundInterval()).exec(round())))
                .repeat(params.rounds()).on(pause(params.roundInterval()).exec(round()))
                .exec(NatsDsl.finish())
                .exec(NatsDsl.disconnect());
        ScenarioBuilder fault = scenario("fault")
                .exec(NatsDsl.awaitFleet(params.fleetReadyTimeout()))
                // let every client complete at least one discovery at steady state first
                .pause(params.roundInterval().multipliedBy(2).plus(params.discoveryTimeout()))
                .exec(NatsDsl.killMemberAndAwaitRecovery(params.recoveryTimeout()))
                .exec(NatsDsl.finish());
        int nodes = run.identities().localSize();
        setUp(nodes().injectOpen(rampUsers(nodes).during(rampDuration())),
                clients.injectOpen(atOnceUsers(setup.clients())),
                fault.injectOpen(atOnceUsers(1)))
                .protocols(nats())
                .maxDuration(params.maxDuration())
                .assertions(
                        details("fleet ready").successfulRequests().percent().is(100.0),
                        details("discovery").successfulRequests().percent().is(100.0),
                        details("fleet recovered").successfulRequests().percent().is(100.0),
                        details("fleet recovered").responseTime().max().lte(params.recoveryBoundMillis()),
                        details("discovery after recovery").successfulRequests().percent().is(100.0));
    }
}
