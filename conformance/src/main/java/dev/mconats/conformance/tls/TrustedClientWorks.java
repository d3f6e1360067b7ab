package dev.mconats.conformance.tls;

import dev.mconats.conformance.ConformanceContext;
import dev.mconats.conformance.Evidence;
import dev.mconats.conformance.Node;
import dev.mconats.conformance.NodeCheck;
import dev.mconats.conformance.Sources;
import dev.mconats.conformance.Verdict;
import dev.mconats.conformance.probe.HandshakeGate;
import dev.mconats.conformance.probe.NatsClients;
import dev.mconats.mco.Agents;
import dev.mconats.mco.Codec;
import dev.mconats.mco.MessageRejected;
import dev.mconats.mco.NodeResponder;
import dev.mconats.mco.OutboundRequest;
import dev.mconats.mco.Reply;
import dev.mconats.mco.RequestFactory;
import dev.mconats.mco.Signer;
import dev.mconats.mco.Verifier;
import dev.mconats.pki.Identity;
import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.Message;
import io.nats.client.Subscription;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLContext;

/**
 * tls/trusted-client-works: what an MCollective node and client do, end to end, on one server. Two jnats connections
 * with the target's client certificate, trusting only the Puppet CA and checking the server's name as Go and Ruby
 * nodes do; a simulated node subscribes to {@code mcollective.broadcast.agent.discovery}, the client publishes a
 * signed discovery request with a reply subject, and the node's verified "pong" must come back.
 *
 * <p>On a real fleet, real nodes receive the ping too (it is what {@code mco ping} sends) and answer; their replies
 * are counted, not judged. The simulated node answers only the suite's own request, so it never shows up in anybody
 * else's discovery.
 */
public final class TrustedClientWorks extends NodeCheck {
    static final String COLLECTIVE = "mcollective";

    public TrustedClientWorks() {
        super("tls/trusted-client-works",
                "A trusted client connects (chain and server name verified) and completes an MCollective request/reply "
                        + "on mcollective.broadcast.agent.discovery with a reply subject.",
                Sources.SEED + "; choria:secure:request:1 envelopes on <collective>.broadcast.agent.<agent> "
                        + "(mcollective-choria lib/mcollective/security/choria.rb, lib/mcollective/connector/nats.rb)");
    }

    @Override
    protected Verdict check(ConformanceContext ctx, Node node) {
        Evidence ev = new Evidence();
        if (!node.info().offersTls()) {
            return Verdict.fail("the client port offers no TLS; MCollective nodes MUST connect with TLS, so none can", ev);
        }
        Identity client = ctx.tls().client();
        SSLContext strict = ctx.tls().strict(node.host());
        ev.note("jnats client CN=" + client.commonName() + ", trusting only the target's CA, checking the server name " + node.host());
        Duration timeout = ctx.settings().answerTimeout();
        NatsClients.Errors errors = new NatsClients.Errors();
        String identity = "mco-nats-suite-probe-" + ctx.runToken() + "." + node.host();
        long t0 = System.nanoTime();
        Connection nodeSide = null;
        Connection clientSide = null;
        try {
            try (HandshakeGate.Permit slot = ctx.handshakeSlot()) {
                nodeSide = NatsClients.connect(node.endpoint(), strict, "mco-nats-suite simulated node", errors, timeout);
            }
            try (HandshakeGate.Permit slot = ctx.handshakeSlot()) {
                clientSide = NatsClients.connect(node.endpoint(), strict, "mco-nats-suite client", errors, timeout);
            }
            ev.time("two verified TLS connections in " + Evidence.ms(System.nanoTime() - t0));
            return exchange(ctx, nodeSide, clientSide, client, identity, ev);
        } catch (IOException e) {
            ev.addAll(errors.seen().stream().map(s -> "recv: " + s).toList());
            String why = errors.seen().isEmpty() ? NatsClients.problem(e) : errors.seen().get(0);
            return Verdict.fail("a trusted client cannot connect: " + why, ev);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Verdict.fail("interrupted", ev);
        } finally {
            NatsClients.closeAll(java.util.Arrays.asList(nodeSide, clientSide));
        }
    }

    private static Verdict exchange(ConformanceContext ctx, Connection nodeSide, Connection clientSide, Identity client, String identity,
                                    Evidence ev) throws InterruptedException {
        Duration timeout = ctx.settings().answerTimeout();
        Codec codec = new Codec(new Verifier(ctx.tls().cas()), Clock.systemUTC());
        RequestFactory factory = new RequestFactory(new Signer(client.privateKey(), client.certificate()), codec);
        NodeResponder responder = new NodeResponder(identity, List.of(COLLECTIVE), Agents.standard(), codec);
        OutboundRequest request = factory.discovery(COLLECTIVE);
        String requestId = request.request().requestId();
        String subject = request.subjects().get(0);
        List<String> rejected = new CopyOnWriteArrayList<>();

        Dispatcher dispatcher = nodeSide.createDispatcher(msg -> {
            try {
                responder.handleStrict(msg.getData(), msg.getSubject())
                        .filter(r -> r.reply().requestId().equals(requestId))
                        .ifPresent(r -> nodeSide.publish(r.subject(), r.payload()));
            } catch (MessageRejected e) {
                rejected.add(e.getMessage());
            }
        });
        dispatcher.subscribe(subject);
        try {
            nodeSide.flush(timeout);
            Subscription replies = clientSide.subscribe(request.replySubject());
            clientSide.flush(timeout);
            ev.sent("simulated node " + identity + " subscribed to " + subject);
            long sent = System.nanoTime();
            clientSide.publish(subject, request.replySubject(), request.payload());
            ev.sent("discovery request " + requestId + " (" + request.payload().length + " bytes, signed by CN=" + client.commonName()
                    + ") on " + subject + ", reply subject " + request.replySubject());
            int others = 0;
            long deadline = sent + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                Message m = replies.nextMessage(Duration.ofNanos(Math.max(1_000_000, deadline - System.nanoTime())));
                if (m == null) {
                    break;
                }
                Reply reply;
                try {
                    reply = codec.decodeReply(m.getData());
                } catch (MessageRejected e) {
                    ev.received("undecodable reply (" + m.getData().length + " bytes): " + e.getMessage());
                    continue;
                }
                if (!reply.senderId().equals(identity) || !reply.requestId().equals(requestId)) {
                    others++;
                    continue;
                }
                long rtt = System.nanoTime() - sent;
                ev.received("reply from " + reply.senderId() + " (" + m.getData().length + " bytes): \"" + reply.bodyText() + "\" after "
                        + Evidence.ms(rtt));
                if (others > 0) {
                    ev.note(others + " other node(s) of the fleet answered the same discovery request");
                }
                if (!"pong".equals(reply.bodyText())) {
                    return Verdict.fail("the simulated node answered \"" + reply.bodyText() + "\" instead of \"pong\"", ev);
                }
                return Verdict.pass("connected with a verified certificate and server name; discovery request/reply in "
                        + Evidence.ms(rtt), ev);
            }
            if (!rejected.isEmpty()) {
                ev.received("the simulated node refused the request: " + rejected.get(0));
                return Verdict.fail("the request arrived but did not verify: " + rejected.get(0), ev);
            }
            return Verdict.fail("no reply to the discovery request within " + timeout.toMillis() + " ms", ev);
        } catch (TimeoutException e) {
            return Verdict.fail("the server did not confirm the subscriptions (PING/PONG) within " + timeout.toMillis() + " ms", ev);
        } finally {
            nodeSide.closeDispatcher(dispatcher);
        }
    }
}
