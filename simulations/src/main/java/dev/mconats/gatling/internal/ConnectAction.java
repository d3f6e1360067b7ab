package dev.mconats.gatling.internal;

import dev.mconats.gatling.NatsDsl;

import dev.mconats.fleet.ChoriaBackoff;
import dev.mconats.fleet.McoClient;
import dev.mconats.fleet.SimulatedNode;
import io.gatling.core.action.Action;
import io.gatling.core.session.Session;
import io.gatling.core.structure.ScenarioContext;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * "connect": one TLS connection (TCP connect, TLS handshake with the client certificate, NATS CONNECT/PONG), as a
 * node (next identity of this injector's shard, servers in random order) or as a client (pinned to server i mod n).
 * Each attempt is one request: response time = that handshake, KO with the error. A failed node retries with
 * Choria's backoff, as a real node does, until the retry window closes; then the user is marked failed.
 * At most {@link NatsRun#connectConcurrency()} handshakes run at once; waiting for a slot is not timed.
 */
public final class ConnectAction extends NatsAction {
    public enum Role { NODE, CLIENT }

    private final Role role;

    public ConnectAction(Role role, ScenarioContext ctx, Action next) {
        super("nats connect " + role.name().toLowerCase(), ctx, next);
        this.role = role;
    }

    @Override
    public void execute(Session session) {
        long deadline = now() + run.connectRetryFor().toMillis();
        if (role == Role.NODE) {
            SimulatedNode node;
            try {
                node = run.nextNode();
            } catch (IndexOutOfBoundsException e) {
                long t = now();
                report(session, "connect", t, t, "more node users than identities in this shard: " + e.getMessage());
                resume(session.markAsFailed());
                return;
            }
            Session withNode = session.set(NatsComponents.CONNECTION, node);
            attempt(withNode, 0, deadline, () -> node.connect(run.fleet().servers().randomOrder(ThreadLocalRandom.current())));
        } else {
            int index = run.nextClientIndex();
            String[] urls = run.fleet().servers().startingAt(index);
            Object[] holder = new Object[1];
            attempt(session, 0, deadline, () -> {
                        McoClient c = run.fleet().connectClient("mco-client-" + index, urls);
                        run.clientConnected(c);
                        holder[0] = c;
                    },
                    () -> session.set(NatsComponents.CONNECTION, holder[0]).set(NatsDsl.CLIENT_INDEX, index));
        }
    }

    private void attempt(Session session, int n, long deadline, NatsAction.Blocking connect) {
        attempt(session, n, deadline, connect, () -> session);
    }

    private void attempt(Session session, int n, long deadline, NatsAction.Blocking connect,
                         java.util.function.Supplier<Session> onSuccess) {
        offLoop(session, () -> {
            run.connectPermits().acquire();
            long start = now();
            String failure = null;
            try {
                run.stats().connectStarted(start);
                connect.run();
            } catch (Exception e) {
                failure = describe(e);
            } finally {
                run.connectPermits().release();
            }
            long end = now();
            report(session, "connect", start, end, failure);
            if (failure == null) {
                run.stats().connected(end);
                resume(onSuccess.get());
            } else if (end < deadline) {
                long wait = ChoriaBackoff.delay(n).toMillis();
                run.fleet().runtime().scheduler().schedule(() -> attempt(session, n + 1, deadline, connect, onSuccess),
                        wait, TimeUnit.MILLISECONDS);
            } else {
                resume(session.markAsFailed());
            }
        });
    }

}
