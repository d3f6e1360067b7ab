package dev.mconats.gatling.internal;

import dev.mconats.fleet.SimulatedNode;
import io.gatling.core.action.Action;
import io.gatling.core.session.Session;
import io.gatling.core.structure.ScenarioContext;

/**
 * "subscribe": the node's real subscriptions (per collective its directed subject, per agent x collective the
 * broadcast subject), timed until the server confirmed them (flush round trip). From then on the node answers
 * requests and counts as live.
 */
public final class SubscribeAction extends NatsAction {
    public SubscribeAction(ScenarioContext ctx, Action next) {
        super("nats subscribe", ctx, next);
    }

    @Override
    public void execute(Session session) {
        SimulatedNode node = UserConnection.node(session);
        if (node == null) {
            long t = now();
            report(session, "subscribe", t, t, "no node connection in this session (connect first)");
            resume(session.markAsFailed());
            return;
        }
        offLoop(session, () -> {
            long start = now();
            String failure = null;
            try {
                node.subscribe(run.subscribeTimeout());
            } catch (Exception e) {
                failure = describe(e);
            }
            report(session, "subscribe", start, now(), failure);
            resume(failure == null ? session : session.markAsFailed());
        });
    }
}
