package com.example;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.details;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.rampUsers;
import static io.gatling.javaapi.core.CoreDsl.scenario;

import dev.mconats.gatling.NatsDsl;
import dev.mconats.simulations.McoSimulation;
import io.gatling.javaapi.core.ScenarioBuilder;
import java.time.Duration;

/**
 * An example of a simulation of your own: filtered discovery against a simulated fleet.
 *
 * <p>Every simulated node carries facts and classes that follow from its place in the fleet (docs/load.md, "What a
 * simulated node is"): {@code parity} is even for half of the fleet, every tenth node has {@code role = db} and the
 * class {@code role::db}. A filtered broadcast therefore expects replies from exactly the nodes it selects, and
 * missing or extra replies show as KO — the nodes evaluate the filter from the signed request they receive.
 *
 * <p>Run it against the embedded default or any target, like the built-in simulations:
 * <pre>{@code
 * ./mco-nats load --simulation-class com.example.FilteredDiscovery --classpath examples/target/classes --nodes 200
 * ./mvnw -pl examples gatling:test -Dgatling.simulationClass=com.example.FilteredDiscovery \
 *     -Dmconats.load.target=$PWD/.local/single/target.conf -Dmconats.load.nodes=200
 * }</pre>
 * Parameters ({@code --param name=value} or {@code -Dmconats.load.name=value}) are the suite's: nodes, rounds,
 * round-interval, discovery-timeout and the rest.
 */
public class FilteredDiscovery extends McoSimulation {
    public FilteredDiscovery() {
        // the embedded single server unless a target is given; one client ends the run; 64 handshakes in flight
        super("single", setup -> 1, 64);
        ScenarioBuilder client = scenario("clients")
                .exec(NatsDsl.connectClient())
                .exec(NatsDsl.awaitFleet(params.fleetReadyTimeout()))
                .repeat(params.rounds()).on(
                        // half of the fleet: every node with an even fleet index
                        exec(NatsDsl.request(NatsDsl.discovery().named("discovery of even nodes")
                                .whereFact("parity", "==", "even").timeout(params.discoveryTimeout())))
                        // a tenth of the fleet, selected by a Puppet class
                        .exec(NatsDsl.request(NatsDsl.rpcPing().named("rpcutil ping of db nodes")
                                .withClass("role::db").timeout(params.discoveryTimeout())))
                        // a burst of directed requests to 5 random nodes
                        .exec(NatsDsl.request(NatsDsl.rpcPing().directedTo(5).timeout(Duration.ofSeconds(5))))
                        .pause(params.roundInterval()))
                .exec(NatsDsl.finish())
                .exec(NatsDsl.disconnect());
        int nodes = run.identities().localSize();
        setUp(nodes().injectOpen(rampUsers(nodes).during(rampDuration())),
                client.injectOpen(atOnceUsers(1)))
                .protocols(nats())
                .maxDuration(params.maxDuration())
                .assertions(
                        details("fleet ready").successfulRequests().percent().is(100.0),
                        details("discovery of even nodes").successfulRequests().percent().is(100.0),
                        details("rpcutil ping of db nodes").successfulRequests().percent().is(100.0),
                        details("rpcutil ping (directed)").successfulRequests().percent().is(100.0));
    }

}
