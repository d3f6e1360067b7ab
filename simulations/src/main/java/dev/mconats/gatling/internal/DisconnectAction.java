package dev.mconats.gatling.internal;

import io.gatling.core.action.Action;
import io.gatling.core.session.Session;
import io.gatling.core.structure.ScenarioContext;

/** Closes the user's connection (off the event loop; jnats' close blocks) and forgets it. Not timed. */
public final class DisconnectAction extends NatsAction {
    public DisconnectAction(ScenarioContext ctx, Action next) {
        super("nats disconnect", ctx, next);
    }

    @Override
    public void execute(Session session) {
        Object held = UserConnection.get(session);
        Session without = session.remove(NatsComponents.CONNECTION);
        if (!(held instanceof AutoCloseable c)) {
            next().$bang(without);
            return;
        }
        offLoop(without, () -> {
            c.close();
            resume(without);
        });
    }
}
