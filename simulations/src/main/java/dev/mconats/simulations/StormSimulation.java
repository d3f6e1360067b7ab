package dev.mconats.simulations;

import static io.gatling.javaapi.core.CoreDsl.asLongAs;
import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.details;
import static io.gatling.javaapi.core.CoreDsl.pause;
import static io.gatling.javaapi.core.CoreDsl.rampUsers;
import static io.gatling.javaapi.core.CoreDsl.repeat;
import static io.gatling.javaapi.core.CoreDsl.scenario;

import dev.mconats.gatling.NatsDsl;
import dev.mconats.reports.progress.Estimate;
import dev.mconats.storm.FaultPlan;
import io.gatling.javaapi.core.Assertion;
import io.gatling.javaapi.core.ScenarioBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A fleet under a storm: the fleet ramps up, clients run discovery rounds all along, and a "fault" user drives the
 * {@link FaultPlan} (one member for ReconnectStorm, each in turn for RollingRestart) through the phases of the run,
 * which name the clients' requests: "discovery" at steady state, "discovery during outage", "discovery during
 * recovery", "discovery after recovery". Claims, as Gatling assertions: the whole fleet connects; every steady-state
 * round and every round after recovery is complete; each member comes back, the mesh is whole and the fleet
 * reconnected within {@code recovery-bound-ms}; the storm's verdict (load-summary.json {@code storm}) is PASS.
 */
abstract class StormSimulation extends McoSimulation {
    protected final FaultPlan plan;

    protected StormSimulation(StormSetup.Kind kind) {
        super("cluster", 1, 64);
        this.plan = StormSetup.plan(setup, kind, setup.clients());
        run.attachStorm(plan);
        ScenarioBuilder clients = scenario("clients")
                .exec(NatsDsl.connectClient())
                .exec(NatsDsl.awaitFleet(params.fleetReadyTimeout()))
                .pause(this::stagger)
                .exec(repeat(params.warmupRounds()).on(pause(params.roundInterval()).exec(warmupRound())))
                .exec(asLongAs(s -> !run.control().areFaultsDone()).on(pause(params.roundInterval()).exec(round())))
                .exec(NatsDsl.finish())
                .exec(NatsDsl.disconnect());
        ScenarioBuilder fault = scenario("fault")
                .exec(NatsDsl.awaitFleet(params.fleetReadyTimeout()))
                .exec(NatsDsl.storm())
                .exec(NatsDsl.finish());
        int nodes = run.identities().localSize();
        setUp(nodes().injectOpen(rampUsers(nodes).during(rampDuration())),
                clients.injectOpen(atOnceUsers(setup.clients())),
                fault.injectOpen(atOnceUsers(1)))
                .protocols(NatsDsl.nats(run))
                .maxDuration(params.maxDuration(plan.steps().size(), plan.downFor()))
                .assertions(claims());
    }

    /** Rounds before the first fault, then per step its down time, its recovery and the rounds after it. */
    @Override
    protected Estimate.Plan progressPlan() {
        Estimate.Plan p = super.progressPlan();
        return new Estimate.Plan(p.nodes(), p.rampPerSecond(), p.warmupRounds(), p.rounds(), p.roundInterval(), p.clients(),
                Optional.of(new Estimate.Storm(plan.steps().size(), plan.downFor(), params.rounds())));
    }

    private List<Assertion> claims() {
        List<Assertion> a = new ArrayList<>();
        a.add(details("fleet ready").successfulRequests().percent().is(100.0));
        a.addAll(warmupClaims());
        a.add(details("discovery").successfulRequests().percent().is(100.0));
        a.add(details("member back").successfulRequests().percent().is(100.0));
        a.add(details("mesh whole").successfulRequests().percent().is(100.0));
        a.add(details("fleet recovered").successfulRequests().percent().is(100.0));
        a.add(details("fleet recovered").responseTime().max().lte((int) plan.recoveryBoundMillis()));
        a.add(details("discovery after recovery").successfulRequests().percent().is(100.0));
        if (params.directed() > 0) {
            a.add(details("rpcutil ping (directed) after recovery").successfulRequests().percent().is(100.0));
        }
        a.add(details("storm verdict").successfulRequests().percent().is(100.0));
        return a;
    }
}
