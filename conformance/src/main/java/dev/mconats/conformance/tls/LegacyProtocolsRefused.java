package dev.mconats.conformance.tls;

import dev.mconats.conformance.ClientProbe;
import dev.mconats.conformance.ConformanceContext;
import dev.mconats.conformance.Evidence;
import dev.mconats.conformance.Node;
import dev.mconats.conformance.NodeCheck;
import dev.mconats.conformance.Verdict;
import dev.mconats.conformance.probe.CapturingTrustManager;
import dev.mconats.conformance.probe.Exchange;
import dev.mconats.conformance.probe.LegacyClientHello;
import dev.mconats.conformance.probe.RawNats;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * tls/legacy-protocols-refused: a ClientHello offering only TLS 1.0, then one offering only TLS 1.1, must not get a
 * ServerHello for that version; a trusted client pinned to TLS 1.2 must get in (TLS 1.3 is reported, not required:
 * Ruby MCollective nodes on older OpenSSL speak 1.2 only).
 */
public final class LegacyProtocolsRefused extends NodeCheck {
    public LegacyProtocolsRefused() {
        super("tls/legacy-protocols-refused",
                "TLS 1.0 and 1.1 handshakes are refused; TLS 1.2 is accepted.",
                "MCollective NATS connector: minimum TLS 1.2 (notes/mcollective-on-nats.md); RFC 8996 deprecates TLS 1.0 and 1.1");
    }

    @Override
    protected Verdict check(ConformanceContext ctx, Node node) {
        Evidence ev = new Evidence();
        if (!node.info().offersTls()) {
            return Verdict.fail("the client port offers no TLS at all, so TLS 1.2 is not accepted either", ev);
        }
        List<String> accepted = new ArrayList<>();
        List<String> refusals = new ArrayList<>();
        for (int version : new int[] {LegacyClientHello.TLS10, LegacyClientHello.TLS11}) {
            String name = LegacyClientHello.versionName(version);
            try (RawNats c = RawNats.open(node.endpoint(), ctx.settings().connectTimeout(), ev)) {
                c.readInfo(ctx.settings().answerTimeout());
                ev.sent("ClientHello offering only " + name + " (CBC suites, SNI " + node.host() + ")");
                long t0 = System.nanoTime();
                LegacyClientHello.Answer a = LegacyClientHello.probe(c.socket(), version, node.host(), ctx.settings().answerTimeout());
                ev.received(a.detail() + " after " + Evidence.ms(System.nanoTime() - t0));
                if (a.accepted(version)) {
                    accepted.add(name);
                } else if (a.kind() == LegacyClientHello.Answer.Kind.SILENT) {
                    return Verdict.warn("no answer to a " + name + " ClientHello within " + ctx.settings().answerTimeout().toMillis()
                            + " ms: cannot tell whether it is refused", ev);
                } else {
                    refusals.add(name + ": " + a.detail());
                }
            } catch (IOException e) {
                return Verdict.fail("the node stopped answering: " + RawNats.oneLine(e), ev);
            }
        }
        Exchange tls12 = modern(ctx, node, "TLSv1.2", ev);
        Exchange tls13 = modern(ctx, node, "TLSv1.3", ev);
        String modern = "TLS 1.2 " + (tls12.accepted() ? "accepted" : "refused") + ", TLS 1.3 " + (tls13.accepted() ? "accepted" : "refused");
        if (!accepted.isEmpty()) {
            return Verdict.fail("the server agreed to " + String.join(" and ", accepted) + " (ServerHello); " + modern, ev);
        }
        if (!tls12.accepted()) {
            return Verdict.fail("TLS 1.2 is not accepted (" + tls12.detail() + "); " + modern, ev);
        }
        return Verdict.pass("refused " + String.join(", ", refusals) + "; " + modern, ev);
    }

    private static Exchange modern(ConformanceContext ctx, Node node, String protocol, Evidence ev) {
        ev.note("trusted client pinned to " + protocol);
        Exchange x = ClientProbe.tls(ctx, node, Optional.of(ctx.tls().client()), new String[] {protocol}, new CapturingTrustManager(), ev);
        ev.received(protocol + ": " + x.answer() + " (" + x.detail() + ")");
        return x;
    }
}
