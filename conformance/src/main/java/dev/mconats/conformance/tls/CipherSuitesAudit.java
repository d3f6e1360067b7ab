package dev.mconats.conformance.tls;

import dev.mconats.conformance.ConformanceContext;
import dev.mconats.conformance.Evidence;
import dev.mconats.conformance.Node;
import dev.mconats.conformance.NodeCheck;
import dev.mconats.conformance.Parallel;
import dev.mconats.conformance.Verdict;
import dev.mconats.conformance.probe.CipherSuites;
import dev.mconats.conformance.probe.ClientHello;
import dev.mconats.conformance.probe.RawNats;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * tls/cipher-suites: which TLS 1.2 cipher suites each client port accepts, one hand-built ClientHello per suite after
 * INFO (offering only that suite), as {@code tls/legacy-protocols-refused} does for versions; the ServerHello's
 * suite or the alert is the answer, no handshake completes. Any accepted suite without forward secrecy (static RSA
 * key exchange, static Diffie-Hellman) or with NULL, EXPORT, anonymous, RC4, DES or 3DES is a FAIL. The accepted
 * list and whether TLS 1.3 is offered are in the evidence. When no ClientHello at all gets a ServerHello, refusals
 * prove nothing (the probe may be what the server dislikes): SKIP, never PASS.
 */
public final class CipherSuitesAudit extends NodeCheck {
    public CipherSuitesAudit() {
        super("tls/cipher-suites",
                "The client port accepts only TLS 1.2 cipher suites with forward secrecy, and none with NULL, EXPORT, anonymous, "
                        + "RC4, DES or 3DES.",
                "RFC 9325 (BCP 195) section 4.1; RFC 7525; nats-server tls cipher_suites "
                        + "(https://docs.nats.io/running-a-nats-service/configuration/securing_nats/tls)");
    }

    private record Probe(int suite, ClientHello.Answer answer, String problem) {
        boolean accepted() {
            return answer != null && answer.accepted(ClientHello.TLS12) && answer.cipherSuite() == suite;
        }
    }

    @Override
    protected Verdict check(ConformanceContext ctx, Node node) {
        Evidence ev = new Evidence();
        if (!node.info().offersTls()) {
            return Verdict.skip("the client port offers no TLS, so it has no cipher suites (see tls/plaintext-rejected)", ev);
        }
        List<Integer> offered = CipherSuites.tls12();
        ev.sent(offered.size() + " ClientHellos after INFO, each offering TLS 1.2 with one cipher suite (SNI " + node.host()
                + "), and one offering only TLS 1.3");
        long t0 = System.nanoTime();
        List<Probe> probes = Parallel.map(offered, s -> probe(ctx, node, ClientHello.tls12(s), s), ctx.settings().helloProbesInFlight());
        Probe tls13 = probe(ctx, node, ClientHello.tls13(), -1);
        ev.time(offered.size() + 1 + " probes in " + Evidence.ms(System.nanoTime() - t0));

        List<Probe> accepted = probes.stream().filter(Probe::accepted).toList();
        List<Probe> unanswered = probes.stream().filter(p -> p.answer() == null || p.answer().kind() == ClientHello.Answer.Kind.SILENT).toList();
        boolean tls13Offered = tls13.answer() != null && tls13.answer().accepted(ClientHello.TLS13);
        ev.received("accepted (TLS 1.2): " + (accepted.isEmpty() ? "none" : accepted.stream().map(p -> CipherSuites.name(p.suite()))
                .collect(Collectors.joining(", "))));
        ev.received("TLS 1.3: " + (tls13Offered ? "offered (" + tls13.answer().detail() + ")" : "not offered ("
                + (tls13.answer() == null ? tls13.problem() : tls13.answer().detail()) + ")"));
        refusals(probes, ev);

        List<String> weak = new ArrayList<>();
        for (Probe p : accepted) {
            List<String> why = CipherSuites.weaknesses(p.suite());
            if (!why.isEmpty()) {
                weak.add(CipherSuites.name(p.suite()) + " (" + String.join(", ", why) + ")");
            }
        }
        if (!weak.isEmpty()) {
            return Verdict.fail("accepts " + String.join("; ", weak), ev);
        }
        if (accepted.isEmpty() && !tls13Offered) {
            return Verdict.skip("inconclusive: no ClientHello got a ServerHello (TLS 1.2 or 1.3), so the refusals prove nothing"
                    + (unanswered.isEmpty() ? "" : "; " + unanswered.size() + " unanswered"), ev);
        }
        if (!unanswered.isEmpty()) {
            return Verdict.warn("no answer for " + unanswered.size() + " suite(s), so they are not judged: " + unanswered.stream()
                    .map(p -> CipherSuites.name(p.suite())).collect(Collectors.joining(", ")), ev);
        }
        return Verdict.pass("accepts " + (accepted.isEmpty() ? "no TLS 1.2 suite" : accepted.size() + " TLS 1.2 suite(s), all with forward "
                + "secrecy and strong ciphers") + "; TLS 1.3 " + (tls13Offered ? "offered" : "not offered"), ev);
    }

    private static Probe probe(ConformanceContext ctx, Node node, ClientHello hello, int suite) {
        Evidence quiet = new Evidence(); // per-probe sessions: only the summary goes into the evidence
        try (RawNats c = RawNats.open(node.endpoint(), ctx.settings().connectTimeout(), quiet)) {
            c.readInfo(ctx.settings().answerTimeout());
            return new Probe(suite, hello.probe(c.socket(), node.host(), ctx.settings().answerTimeout()), "");
        } catch (IOException e) {
            return new Probe(suite, null, RawNats.oneLine(e));
        }
    }

    /** One line per kind of refusal, so the evidence shows what the server said without 40 lines. */
    private static void refusals(List<Probe> probes, Evidence ev) {
        probes.stream().filter(p -> !p.accepted())
                .collect(Collectors.groupingBy(p -> p.answer() == null ? "not asked: " + p.problem() : p.answer().detail(),
                        java.util.LinkedHashMap::new, Collectors.mapping(p -> CipherSuites.name(p.suite()), Collectors.toList())))
                .forEach((answer, suites) -> ev.received(answer + ": " + suites.size() + " suite(s) (" + String.join(", ", suites) + ")"));
    }
}
