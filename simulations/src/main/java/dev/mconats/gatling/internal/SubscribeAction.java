package dev.mconats.gatling.internal;

import dev.mconats.fleet.SimulatedNode;
import io.gatling.core.action.Action;
import io.gatling.core.session.Session;
import io.gatling.core.structure.ScenarioContext;

/**
 * "subscribe": the node's real subscriptions (per collective its directed subject, per agent x collective the
 * broadcast subject). They are sent with the node's CONNECT and confirmed by the PONG that completes "connect" (one
 * round trip for both), so this request only checks that the node is live and takes no time of its own.
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
        // A node's SUBs go out with its CONNECT and the PONG that ended the connect confirmed them: nothing blocks here.
        long start = now();
        String failure = null;
        try {
            node.subscribe(run.subscribeTimeout());
        } catch (Exception e) {
            failure = describe(e);
        }
        report(session, "subscribe", start, now(), failure);
        next().$bang(failure == null ? session : session.markAsFailed());
    }
}
