package dev.mconats.gatling.internal;

import io.gatling.core.action.Action;
import io.gatling.core.session.Session;
import io.gatling.core.structure.ScenarioContext;
import io.nats.client.Connection;
import io.nats.client.Message;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * "request": plain NATS request/reply (one reply on an inbox), timed to the reply; KO on timeout, on "no
 * responders", or when the reply fails {@code check}. jnats' own request expiry only runs on its cleanup timer,
 * so the deadline is enforced here.
 */
public final class RequestReplyAction extends NatsAction {
    private final String requestName;
    private final Function<Session, String> subject;
    private final Function<Session, byte[]> payload;
    private final Predicate<byte[]> check;
    private final Duration timeout;

    public RequestReplyAction(String requestName, Function<Session, String> subject, Function<Session, byte[]> payload,
                       Predicate<byte[]> check, Duration timeout, ScenarioContext ctx, Action next) {
        super("nats request", ctx, next);
        this.requestName = requestName;
        this.subject = subject;
        this.payload = payload;
        this.check = check;
        this.timeout = timeout;
    }

    @Override
    public void execute(Session session) {
        Connection c = PublishAction.connectionOf(session);
        if (c == null) {
            long t = now();
            report(session, requestName, t, t, UserConnection.node(session) != null
                    ? "a simulated node does not send requests: use a client (connectClient)"
                    : "no connection in this session (connect first)");
            resume(session.markAsFailed());
            return;
        }
        offLoop(session, () -> {
            long start = now();
            c.request(subject.apply(session), payload.apply(session))
                    .orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                    .whenComplete((Message reply, Throwable error) -> {
                        String failure = null;
                        if (error != null) {
                            failure = error instanceof java.util.concurrent.TimeoutException
                                    || error.getCause() instanceof java.util.concurrent.TimeoutException
                                    ? "no reply within " + timeout.toMillis() + " ms" : describe(error);
                        } else if (reply.isStatusMessage()) {
                            failure = "status " + reply.getStatus().getCode() + " " + reply.getStatus().getMessage();
                        } else if (!check.test(reply.getData())) {
                            failure = "reply failed its check";
                        }
                        report(session, requestName, start, now(), failure);
                        resume(failure == null ? session : session.markAsFailed());
                    });
        });
    }
}
