package dev.mconats.gatling.internal;

import dev.mconats.gatling.NatsDsl;

import dev.mconats.fleet.ChoriaBackoff;
import dev.mconats.fleet.McoClient;
import dev.mconats.fleet.SimulatedNode;
import io.gatling.core.action.Action;
import io.gatling.core.session.Session;
import io.gatling.core.structure.ScenarioContext;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * "connect": one TLS connection, as a node (next identity of this injector's shard, servers in random order: TCP
 * connect, TLS handshake with the node certificate, CONNECT with the node's subscriptions, confirmed by the server's
 * PONG) or as a client (pinned to server i mod n). Each attempt is one request: response time = that attempt, KO with
 * the error. A failed node retries with Choria's backoff, as a real node does, until the retry window closes; then
 * the user is marked failed. At most {@link NatsRun#connectConcurrency()} attempts run at once; waiting for a slot
 * is not timed. A node attempt holds no thread: it runs on the nodes' event loops and resumes the user from there.
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
            attempt(withNode, 0, deadline,
                    () -> node.connectAsync(run.fleet().servers().randomOrder(ThreadLocalRandom.current())), () -> {
                        if (run.fleet().state().live() >= run.identities().localSize()) {
                            // this injector's nodes are all live: warm up the message path before the rounds
                            run.fleet().warmUpMessagePath();
                        }
                        return withNode;
                    });
        } else {
            int index = run.nextClientIndex();
            String[] urls = run.fleet().servers().startingAt(index);
            Object[] holder = new Object[1];
            attempt(session, 0, deadline, () -> CompletableFuture.runAsync(() -> {
                try {
                    McoClient c = run.fleet().connectClient("mco-client-" + index, urls);
                    run.clientConnected(c);
                    holder[0] = c;
                } catch (Exception e) {
                    throw new java.util.concurrent.CompletionException(e);
                }
            }, run.fleet().runtime().virtualThreads()), () -> session.set(NatsComponents.CONNECTION, holder[0]).set(NatsDsl.CLIENT_INDEX, index));
        }
    }

    private void attempt(Session session, int n, long deadline, Supplier<CompletableFuture<Void>> connect,
                         Supplier<Session> onSuccess) {
        run.connectSlots().acquire(() -> {
            long start = now();
            run.stats().connectStarted(start);
            CompletableFuture<Void> f;
            try {
                f = connect.get();
            } catch (RuntimeException e) {
                f = CompletableFuture.failedFuture(e);
            }
            f.whenComplete((v, e) -> {
                run.connectSlots().release();
                long end = now();
                String failure = e == null ? null : describe(e);
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
        });
    }
}
