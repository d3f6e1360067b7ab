package dev.mconats.gatling.internal;

import io.gatling.core.action.Action;
import io.gatling.core.session.Session;
import io.gatling.core.structure.ScenarioContext;
import io.nats.client.Connection;
import java.time.Duration;
import java.util.function.Function;

/**
 * "publish": a plain NATS publish from the user's connection (a client's or a node's), timed until the server has it
 * (publish, then a PING/PONG round trip). Payload and subject are functions of the session.
 */
public final class PublishAction extends NatsAction {
    private final String requestName;
    private final Function<Session, String> subject;
    private final Function<Session, byte[]> payload;

    public PublishAction(String requestName, Function<Session, String> subject, Function<Session, byte[]> payload,
                  ScenarioContext ctx, Action next) {
        super("nats publish", ctx, next);
        this.requestName = requestName;
        this.subject = subject;
        this.payload = payload;
    }

    @Override
    public void execute(Session session) {
        if (UserConnection.get(session) instanceof dev.mconats.fleet.SimulatedNode node) {
            long start = now();
            node.publish(subject.apply(session), payload.apply(session)).orTimeout(10, java.util.concurrent.TimeUnit.SECONDS)
                    .whenComplete((v, e) -> {
                        report(session, requestName, start, now(), e == null ? null : describe(e));
                        resume(e == null ? session : session.markAsFailed());
                    });
            return;
        }
        Connection c = connectionOf(session);
        if (c == null) {
            long t = now();
            report(session, requestName, t, t, "no connection in this session (connect first)");
            resume(session.markAsFailed());
            return;
        }
        offLoop(session, () -> {
            long start = now();
            String failure = null;
            try {
                c.publish(subject.apply(session), payload.apply(session));
                c.flush(Duration.ofSeconds(10));
            } catch (Exception e) {
                failure = describe(e);
            }
            report(session, requestName, start, now(), failure);
            resume(failure == null ? session : session.markAsFailed());
        });
    }

    public static Connection connectionOf(Session session) {
        Object held = UserConnection.get(session);
        if (held instanceof dev.mconats.fleet.McoClient client) {
            return client.connection();
        }
        return null;
    }
}
