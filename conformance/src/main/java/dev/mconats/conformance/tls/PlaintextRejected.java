package dev.mconats.conformance.tls;

import dev.mconats.conformance.ClientProbe;
import dev.mconats.conformance.ConformanceContext;
import dev.mconats.conformance.Evidence;
import dev.mconats.conformance.Node;
import dev.mconats.conformance.NodeCheck;
import dev.mconats.conformance.Sources;
import dev.mconats.conformance.Verdict;
import dev.mconats.conformance.probe.Exchange;

/** tls/plaintext-rejected: a client that never starts TLS must not get to subscribe or publish. */
public final class PlaintextRejected extends NodeCheck {
    public PlaintextRejected() {
        super("tls/plaintext-rejected",
                "A client that does not upgrade to TLS cannot subscribe or publish.",
                Sources.SEED + ": \"The connection MUST use SSL\"");
    }

    @Override
    protected Verdict check(ConformanceContext ctx, Node node) {
        Evidence ev = new Evidence();
        ev.note("INFO of " + node.label() + ": tls_required=" + node.info().tlsRequired() + ", tls_available=" + node.info().tlsAvailable());
        Exchange x = ClientProbe.plaintext(ctx, node, ev);
        ev.time("answer after " + Evidence.ms(x.nanos()));
        return switch (x.answer()) {
            case ACCEPTED -> Verdict.fail("a plaintext client was let in: " + (x.echoed()
                    ? "it subscribed and its own published message came back" : "CONNECT, SUB, PUB answered with PONG"), ev);
            case REFUSED -> Verdict.pass("plaintext client refused: " + x.detail(), ev);
            case SILENT -> Verdict.warn("no answer to a plaintext CONNECT within " + ctx.settings().answerTimeout().toMillis()
                    + " ms: neither let in nor refused", ev);
            case UNREACHABLE -> Verdict.fail("the node stopped answering: " + x.detail(), ev);
        };
    }
}
