package dev.mconats.gatling.internal;

import io.gatling.core.action.Action;
import io.gatling.core.session.Session;
import io.gatling.core.structure.ScenarioContext;
import java.time.Duration;

/**
 * "fleet ready": waits until {@code nodes} simulated nodes are connected and subscribed (a client does this before
 * measuring steady state); in a sharded run, until every shard reports all its nodes live. Response time = the wait; KO "k of n nodes live" at the deadline. Never blocks a thread.
 */
public final class AwaitFleetAction extends NatsAction {
    private final int nodes;
    private final Duration timeout;

    public AwaitFleetAction(int nodes, Duration timeout, ScenarioContext ctx, Action next) {
        super("nats await fleet", ctx, next);
        this.nodes = nodes;
        this.timeout = timeout;
    }

    @Override
    public void execute(Session session) {
        long start = now();
        if (nodes < 0 && run.coordinator().isPresent()) {
            var c = run.coordinator().get();
            c.awaitFleet(timeout.toMillis()).whenComplete((ok, e) -> {
                boolean ready = e == null && ok;
                report(session, "fleet ready", start, now(), ready ? null : c.describe());
                resume(ready ? session : session.markAsFailed());
            });
            return;
        }
        int want = nodes >= 0 ? nodes : run.identities().localSize();
        run.fleet().state().awaitLive(want, timeout.toMillis(), run.fleet().runtime().scheduler()).whenComplete((ok, e) -> {
            int live = run.fleet().state().live();
            boolean ready = e == null && ok;
            report(session, "fleet ready", start, now(), ready ? null : live + " of " + want + " nodes live");
            resume(ready ? session : session.markAsFailed());
        });
    }
}
