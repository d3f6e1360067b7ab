package dev.mconats.conformance.routes;

import dev.mconats.conformance.BaseCheck;
import dev.mconats.conformance.CheckResult;
import dev.mconats.conformance.ConformanceContext;
import dev.mconats.conformance.Evidence;
import dev.mconats.conformance.Node;
import dev.mconats.conformance.Parallel;
import dev.mconats.conformance.Sources;
import dev.mconats.conformance.Verdict;
import dev.mconats.conformance.probe.CapturingTrustManager;
import dev.mconats.conformance.probe.HandshakeGate;
import dev.mconats.conformance.probe.NatsClients;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Subscription;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLContext;

/**
 * routes/cross-delivery: for every ordered pair (publisher on a, subscriber on b) a message crosses the route. One
 * jnats connection per node, with the trusted client certificate; the server certificate is not judged here (that is
 * tls/server-cert-valid), so that a certificate problem does not hide whether the routes carry traffic. On a single
 * node the pair is the node with itself.
 */
public final class CrossDelivery extends BaseCheck {
    private static final Duration RESEND = Duration.ofMillis(20);

    public CrossDelivery() {
        super("routes/cross-delivery",
                "For every ordered pair of nodes (a, b), a subscriber on b receives what is published on a.",
                Sources.SEED + ": a 3-node full mesh carries MCollective traffic between nodes on different servers");
    }

    /**
     * One client per node, shared by the pairs that run side by side. {@code flushes} lets one PING at a time out on
     * it: jnats closes a connection with more than two PINGs unanswered, which a node subscribed to by three pairs at
     * once (a fourth member, or a second name for one) would otherwise reach on a slow machine.
     */
    private record Link(Connection connection, String problem, NatsClients.Errors errors, Object flushes) {
        Link(Connection connection, String problem, NatsClients.Errors errors) {
            this(connection, problem, errors, new Object());
        }

        /** Why an open connection went away under a pair: what jnats and the server reported, else its last error. */
        String closedWhy() {
            List<String> seen = errors.seen();
            String last = connection.getLastError();
            return !seen.isEmpty() ? String.join("; ", seen) : last == null || last.isEmpty() ? "no error reported" : last;
        }
    }

    @Override
    public List<CheckResult> run(ConformanceContext ctx) {
        List<Node> nodes = ctx.nodes();
        Map<Node, Link> links = new LinkedHashMap<>();
        List<Link> opened = Parallel.map(nodes, n -> connect(ctx, n));
        for (int i = 0; i < nodes.size(); i++) {
            links.put(nodes.get(i), opened.get(i));
        }
        try {
            List<Node[]> pairs = new ArrayList<>();
            for (Node pub : nodes) {
                for (Node sub : nodes) {
                    if (pub != sub || nodes.size() == 1) {
                        pairs.add(new Node[] {pub, sub});
                    }
                }
            }
            return Parallel.map(pairs, p -> {
                long t0 = System.nanoTime();
                String label = p[0].label() + " -> " + p[1].label();
                try {
                    return result(label, deliver(ctx, p[0], links.get(p[0]), p[1], links.get(p[1])), t0);
                } catch (RuntimeException e) {
                    return closedUnder(label, p, links, e, t0);
                }
            });
        } finally {
            NatsClients.closeAll(links.values().stream().map(Link::connection).toList());
        }
    }

    private static Link connect(ConformanceContext ctx, Node n) {
        // A node without TLS is still tested for routing, in plaintext: its TLS failure is reported by the tls/ checks.
        SSLContext tls = n.info().offersTls() ? ctx.tls().probe(Optional.of(ctx.tls().client()), new CapturingTrustManager()) : null;
        NatsClients.Errors errors = new NatsClients.Errors();
        try (HandshakeGate.Permit slot = ctx.handshakeSlot()) {
            return new Link(NatsClients.connect(n.endpoint(), tls, "mco-nats-suite cross-delivery", errors, ctx.settings().answerTimeout()),
                    null, errors);
        } catch (IOException e) {
            return new Link(null, NatsClients.problem(e) + (errors.seen().isEmpty() ? "" : "; " + errors.seen().get(0)), errors);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Link(null, "interrupted", errors);
        }
    }

    /** A connection that closed while a pair used it: the verdict names which one and why, not only jnats' exception. */
    private CheckResult closedUnder(String label, Node[] pair, Map<Node, Link> links, RuntimeException e, long t0) {
        List<String> why = new ArrayList<>();
        for (Node n : pair[0] == pair[1] ? List.of(pair[0]) : List.of(pair)) {
            Link l = links.get(n);
            if (l.connection() != null && l.connection().getStatus() == Connection.Status.CLOSED) {
                why.add("the client connection to " + n.label() + " closed: " + l.closedWhy());
            }
        }
        return why.isEmpty() ? crashed(label, e, t0) : result(label, Verdict.fail(String.join("; ", why), new Evidence()), t0);
    }

    private static Verdict deliver(ConformanceContext ctx, Node pubNode, Link pub, Node subNode, Link sub) {
        Evidence ev = new Evidence();
        if (pub.connection() == null || sub.connection() == null) {
            Node bad = pub.connection() == null ? pubNode : subNode;
            return Verdict.fail("cannot connect a client to " + bad.label() + ": " + (pub.connection() == null ? pub : sub).problem(), ev);
        }
        String subject = ctx.probeSubject();
        Duration timeout = ctx.settings().deliveryTimeout();
        Subscription s = sub.connection().subscribe(subject);
        try {
            synchronized (sub.flushes()) {
                sub.connection().flush(timeout);
            }
            ev.sent("SUB " + subject + " on " + subNode.label());
            Map<Integer, Long> sentAt = new ConcurrentHashMap<>();
            long start = System.nanoTime();
            long deadline = start + timeout.toNanos();
            int seq = 0;
            // Interest crosses the route asynchronously: publish until the first message arrives, as a client would retry.
            while (System.nanoTime() < deadline) {
                sentAt.put(seq, System.nanoTime());
                pub.connection().publish(subject, Integer.toString(seq).getBytes(StandardCharsets.US_ASCII));
                seq++;
                Message m = s.nextMessage(RESEND);
                if (m != null) {
                    long now = System.nanoTime();
                    int got = Integer.parseInt(new String(m.getData(), StandardCharsets.US_ASCII));
                    long latency = now - sentAt.get(got);
                    ev.sent(seq + " message(s) published on " + pubNode.label());
                    ev.received("message #" + got + " on " + subNode.label() + ", " + Evidence.ms(latency) + " after it was published");
                    ev.time("first delivery " + Evidence.ms(now - start) + " after the subscription was confirmed");
                    return Verdict.pass("delivered in " + Evidence.ms(latency) + (pubNode == subNode ? " (single node)" : ""), ev);
                }
            }
            ev.sent(seq + " message(s) published on " + pubNode.label() + " over " + timeout.toMillis() + " ms");
            return Verdict.fail("nothing published on " + pubNode.label() + " reached a subscriber on " + subNode.label()
                    + " within " + timeout.toMillis() + " ms", ev);
        } catch (TimeoutException e) {
            return Verdict.fail(subNode.label() + " did not confirm the subscription (PING/PONG) within " + timeout.toMillis() + " ms", ev);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Verdict.fail("interrupted", ev);
        } finally {
            s.unsubscribe();
        }
    }
}
