package dev.mconats.gatling;

import dev.mconats.gatling.internal.AwaitFleetAction;
import dev.mconats.gatling.internal.ConnectAction;
import dev.mconats.gatling.internal.DisconnectAction;
import dev.mconats.gatling.internal.FinishAction;
import dev.mconats.gatling.internal.HoldAction;
import dev.mconats.gatling.internal.McoRequestAction;
import dev.mconats.gatling.internal.NatsProtocol;
import dev.mconats.gatling.internal.NatsRun;
import dev.mconats.gatling.internal.SettleAction;
import dev.mconats.gatling.internal.StormAction;
import dev.mconats.gatling.internal.SubscribeAction;
import io.gatling.javaapi.core.ActionBuilder;
import io.gatling.javaapi.core.ProtocolBuilder;
import java.time.Duration;

/**
 * The NATS protocol DSL for Gatling's Java API. Usage:
 *
 * <pre>{@code
 * NatsRun run = ...;                       // fleet, identities, run control
 * ScenarioBuilder nodes = scenario("nodes").exec(NatsDsl.connectNode()).exitHereIfFailed()
 *         .exec(NatsDsl.subscribeNode()).exec(NatsDsl.holdUntilRunEnd()).exec(NatsDsl.disconnect());
 * ScenarioBuilder clients = scenario("clients").exec(NatsDsl.connectClient()).exec(NatsDsl.awaitFleet(Duration.ofMinutes(2)))
 *         .repeat(3).on(exec(NatsDsl.request(NatsDsl.discovery()))).exec(NatsDsl.finish()).exec(NatsDsl.disconnect());
 * setUp(...).protocols(NatsDsl.nats(run));
 * }</pre>
 *
 * Requests appear in Gatling's report under their names: connect, subscribe, discovery (or the name a request was given),
 * "rpcutil ping (directed)", fleet ready, reconnect; in storms member back, mesh whole, fleet recovered, storm verdict.
 */
public final class NatsDsl {
    /** Session attribute: a client's index (0..clients-1), set by {@link #connectClient()}. */
    public static final String CLIENT_INDEX = "mconats.clientIndex";
    private NatsDsl() {
    }

    public static ProtocolBuilder nats(NatsRun run) {
        NatsProtocol protocol = new NatsProtocol(run);
        return () -> protocol;
    }

    /** TLS connect as the next simulated node (request "connect", retried with Choria's backoff). */
    public static ActionBuilder connectNode() {
        return () -> (ctx, next) -> new ConnectAction(ConnectAction.Role.NODE, ctx, next);
    }

    /** TLS connect as a client with the target's client certificate (request "connect"). */
    public static ActionBuilder connectClient() {
        return () -> (ctx, next) -> new ConnectAction(ConnectAction.Role.CLIENT, ctx, next);
    }

    /** The node's real subscriptions, confirmed by the server (request "subscribe"). */
    public static ActionBuilder subscribeNode() {
        return () -> (ctx, next) -> new SubscribeAction(ctx, next);
    }

    /** A discovery broadcast expecting a reply from every node of the fleet; change it with the McoRequest methods. */
    public static McoRequest discovery() {
        return McoRequest.discovery();
    }

    /** rpcutil#ping, broadcast; {@code .directedTo(k)} for a directed request to k random nodes. */
    public static McoRequest rpcPing() {
        return McoRequest.rpcPing();
    }

    /** Sends an MCollective request from the user's client connection and counts replies. */
    public static ActionBuilder request(McoRequest request) {
        return () -> (ctx, next) -> new McoRequestAction(request, ctx, next);
    }

    /** Waits until every node of this injector is live (request "fleet ready"). */
    public static ActionBuilder awaitFleet(Duration timeout) {
        return awaitFleet(-1, timeout);
    }

    public static ActionBuilder awaitFleet(int nodes, Duration timeout) {
        return () -> (ctx, next) -> new AwaitFleetAction(nodes, timeout, ctx, next);
    }

    /** Collects the injector's heap while the fleet is idle, before a measured round (not timed; see HeapSettler). */
    public static ActionBuilder settleInjectorHeap() {
        return () -> (ctx, next) -> new SettleAction(ctx, next);
    }

    /** Parks a node until every client has called {@link #finish()}. */
    public static ActionBuilder holdUntilRunEnd() {
        return () -> (ctx, next) -> new HoldAction(ctx, next);
    }

    /** Marks a client done. */
    public static ActionBuilder finish() {
        return () -> (ctx, next) -> new FinishAction(ctx, next);
    }

    public static ActionBuilder disconnect() {
        return () -> (ctx, next) -> new DisconnectAction(ctx, next);
    }

    /**
     * Runs the run's storm (its {@link dev.mconats.storm.FaultPlan}): each member down, up again, recovery awaited
     * (requests "member back", "mesh whole", "fleet recovered" per step, then "storm verdict").
     */
    public static ActionBuilder storm() {
        return () -> (ctx, next) -> new StormAction(ctx, next);
    }
}
