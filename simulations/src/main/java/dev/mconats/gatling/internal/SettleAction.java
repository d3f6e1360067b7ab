package dev.mconats.gatling.internal;

import io.gatling.core.action.Action;
import io.gatling.core.session.Session;
import io.gatling.core.structure.ScenarioContext;

/**
 * Before a round: lets {@link HeapSettler} collect the injector's heap while the fleet is idle. Not a request:
 * nothing is timed in Gatling's report. Skipped while the fleet recovers from a fault, whose recovery is being timed.
 */
public final class SettleAction extends NatsAction {
    public SettleAction(ScenarioContext ctx, Action next) {
        super("nats settle injector heap", ctx, next);
    }

    @Override
    public void execute(Session session) {
        if (run.control().phase() == RunControl.Phase.RECOVERING) {
            resume(session);
            return;
        }
        run.settler().settle().whenComplete((v, e) -> resume(session));
    }
}
