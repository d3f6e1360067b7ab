package dev.mconats.gatling.internal;

import io.gatling.core.action.Action;
import io.gatling.core.session.Session;
import io.gatling.core.structure.ScenarioContext;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * "fleet ready": waits until {@code nodes} simulated nodes are connected and subscribed (a client does this before
 * measuring steady state); in a sharded run, until every shard reports all its nodes live. Response time = the wait; KO "k of n nodes live" at the deadline. Never blocks a thread.
 * Then, untimed, the user waits for this injector's JIT warm-up of the message path to finish (it starts when the
 * injector's nodes are all live), so that no broadcast overlaps it.
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
                if (ready) {
                    afterWarmup(session);
                } else {
                    resume(session.markAsFailed());
                }
            });
            return;
        }
        int want = nodes >= 0 ? nodes : run.identities().localSize();
        run.fleet().state().awaitLive(want, timeout.toMillis(), run.fleet().runtime().scheduler()).whenComplete((ok, e) -> {
            int live = run.fleet().state().live();
            boolean ready = e == null && ok;
            report(session, "fleet ready", start, now(), ready ? null : live + " of " + want + " nodes live");
            if (ready) {
                afterWarmup(session);
            } else {
                resume(session.markAsFailed());
            }
        });
    }

    private void afterWarmup(Session session) {
        run.fleet().warmUpMessagePath().orTimeout(WARMUP_WAIT_SECONDS, TimeUnit.SECONDS)
                .whenComplete((v, e) -> resume(session));
    }

    private static final long WARMUP_WAIT_SECONDS = 120;
}
