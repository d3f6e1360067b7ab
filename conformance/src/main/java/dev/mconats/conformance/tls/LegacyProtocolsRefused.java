package dev.mconats.conformance.tls;

import dev.mconats.conformance.ClientProbe;
import dev.mconats.conformance.ConformanceContext;
import dev.mconats.conformance.Evidence;
import dev.mconats.conformance.Node;
import dev.mconats.conformance.NodeCheck;
import dev.mconats.conformance.Verdict;
import dev.mconats.conformance.probe.CapturingTrustManager;
import dev.mconats.conformance.probe.ClientHello;
import dev.mconats.conformance.probe.Exchange;
import dev.mconats.conformance.probe.RawNats;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * tls/legacy-protocols-refused: a ClientHello offering only TLS 1.0, then one offering only TLS 1.1, must not get a
 * ServerHello for that version; a trusted client pinned to TLS 1.2 must get in (TLS 1.3 is reported, not required:
 * Ruby MCollective nodes on older OpenSSL speak 1.2 only). Both legacy versions are always asked: a server that says
 * nothing to one of them may still agree to the other.
 */
public final class LegacyProtocolsRefused extends NodeCheck {
    public LegacyProtocolsRefused() {
        super("tls/legacy-protocols-refused",
                "TLS 1.0 and 1.1 handshakes are refused; TLS 1.2 is accepted.",
                "RFC 8996 (TLS 1.0 and 1.1 deprecated); RFC 9325 (BCP 195) section 3.1.1; Go clients such as go-choria "
                        + "nodes require TLS 1.2 since Go 1.18");
    }

    @Override
    protected Verdict check(ConformanceContext ctx, Node node) {
        Evidence ev = new Evidence();
        if (!node.info().offersTls()) {
            return Verdict.fail("the client port offers no TLS at all, so TLS 1.2 is not accepted either", ev);
        }
        List<String> accepted = new ArrayList<>();
        List<String> refusals = new ArrayList<>();
        List<String> silent = new ArrayList<>();
        for (int version : new int[] {ClientHello.TLS10, ClientHello.TLS11}) {
            String name = ClientHello.versionName(version);
            try (RawNats c = RawNats.open(node.endpoint(), ctx.settings().connectTimeout(), ev)) {
                c.readInfo(ctx.settings().answerTimeout());
                ev.sent("ClientHello offering only " + name + " (CBC suites, SNI " + node.host() + ")");
                long t0 = System.nanoTime();
                ClientHello.Answer a = ClientHello.legacy(version).probe(c.socket(), node.host(), ctx.settings().answerTimeout());
                ev.received(a.detail() + " after " + Evidence.ms(System.nanoTime() - t0));
                if (a.accepted(version)) {
                    accepted.add(name);
                } else if (a.kind() == ClientHello.Answer.Kind.SILENT) {
                    silent.add(name);
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
        if (!silent.isEmpty()) {
            return Verdict.warn("no answer to a " + String.join(" nor to a ", silent) + " ClientHello within "
                    + ctx.settings().answerTimeout().toMillis() + " ms: cannot tell whether " + (silent.size() > 1 ? "they are" : "it is")
                    + " refused" + (refusals.isEmpty() ? "" : "; refused " + String.join(", ", refusals)) + "; " + modern, ev);
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
