package dev.mconats.gatling.internal;

import io.gatling.core.action.Action;
import io.gatling.core.session.Session;
import io.gatling.core.structure.ScenarioContext;

/** A client is done: when the last client is, the holding nodes are released. */
public final class FinishAction extends NatsAction {
    public FinishAction(ScenarioContext ctx, Action next) {
        super("nats client finished", ctx, next);
    }

    @Override
    public void execute(Session session) {
        if (run.control().finishingClientIsLast()) {
            run.stats().steadyState(run.fleet().state().live());
        }
        run.control().clientFinished();
        next().$bang(session);
    }
}
