package dev.mconats.gatling.internal;

import io.gatling.core.action.Action;
import io.gatling.core.session.Session;
import io.gatling.core.structure.ScenarioContext;

/**
 * A node keeps its connection until every client has finished: parks the user (no thread, no timer) and continues
 * it on its own event loop when the run ends. Not a request: nothing is timed.
 */
public final class HoldAction extends NatsAction {
    public HoldAction(ScenarioContext ctx, Action next) {
        super("nats hold until run end", ctx, next);
    }

    @Override
    public void execute(Session session) {
        run.control().end().whenComplete((v, e) -> resume(session));
    }
}
