package dev.mconats.conformance.tls;

import dev.mconats.conformance.ClientProbe;
import dev.mconats.conformance.ConformanceContext;
import dev.mconats.conformance.Evidence;
import dev.mconats.conformance.Node;
import dev.mconats.conformance.NodeCheck;
import dev.mconats.conformance.Verdict;
import dev.mconats.conformance.probe.CapturingTrustManager;
import dev.mconats.conformance.probe.Exchange;
import dev.mconats.pki.Identity;
import java.util.Optional;

/**
 * The shape of every "this client must be refused" check: the trusted client is let in (control), the same session
 * with the wrong credential is not. Without a working control a refusal proves nothing, so the verdict is SKIP.
 */
abstract class RefusedClientCheck extends NodeCheck {
    RefusedClientCheck(String id, String requirement, String source) {
        super(id, requirement, source);
    }

    /** The credential under test: a certificate, none (empty inner optional), or a reason it cannot be made. */
    protected abstract Credential credential(ConformanceContext ctx);

    /** What the probe presents. {@code skipReason} is set when the credential cannot be had here. */
    record Credential(String description, Optional<Identity> identity, String skipReason) {
        static Credential of(String description, Optional<Identity> identity) {
            return new Credential(description, identity, null);
        }

        static Credential unavailable(String reason) {
            return new Credential(null, Optional.empty(), reason);
        }
    }

    @Override
    protected final Verdict check(ConformanceContext ctx, Node node) {
        Evidence ev = new Evidence();
        if (!node.info().offersTls()) {
            return Verdict.skip("the client port offers no TLS at all, so there is no TLS client to refuse (see tls/plaintext-rejected)", ev);
        }
        Credential credential = credential(ctx);
        if (credential.skipReason() != null) {
            return Verdict.skip(credential.skipReason(), ev);
        }
        ConformanceContext.Control control = ctx.control(node);
        ev.note("control: the trusted client certificate -> " + control.exchange().answer() + " (" + control.exchange().detail() + ")");
        if (!control.exchange().accepted()) {
            ev.addAll(control.evidence());
            return Verdict.skip("inconclusive: the trusted client is not let in either (" + control.exchange().detail()
                    + "), so a refusal would prove nothing; see tls/trusted-client-works", ev);
        }
        ev.note("probe: " + credential.description());
        Exchange x = ClientProbe.tls(ctx, node, credential.identity(), null, new CapturingTrustManager(), ev);
        ev.time("answer after " + Evidence.ms(x.nanos()));
        return switch (x.answer()) {
            case ACCEPTED -> Verdict.fail("a client with " + credential.description() + " was let in: "
                    + (x.echoed() ? "it subscribed and its own published message came back" : "PONG"), ev);
            case REFUSED -> Verdict.pass("refused: " + x.detail(), ev);
            case SILENT -> Verdict.warn("no answer within " + ctx.settings().answerTimeout().toMillis() + " ms: neither let in nor refused", ev);
            case UNREACHABLE -> Verdict.fail("the node stopped answering: " + x.detail(), ev);
        };
    }
}
