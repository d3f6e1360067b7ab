package dev.mconats.conformance;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mconats.conformance.probe.CapturingTrustManager;
import dev.mconats.conformance.probe.CutOff;
import dev.mconats.conformance.probe.Exchange;
import dev.mconats.conformance.probe.HandshakeGate;
import dev.mconats.conformance.probe.RawNats;
import dev.mconats.pki.Identity;
import java.io.IOException;
import java.util.Optional;

/**
 * One hand-driven client session against a node: connect, read INFO, optionally upgrade to TLS with a given client
 * certificate (or none), then CONNECT, SUB, PUB and PING on a probe subject. The verdict is the server's answer. A TLS
 * session that is cut off without the server saying no is tried again (see {@link CutOff}).
 */
public final class ClientProbe {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ClientProbe() {
    }

    /** Plaintext client: no TLS upgrade at all, whatever INFO says. */
    public static Exchange plaintext(ConformanceContext ctx, Node node, Evidence ev) {
        return run(ctx, node, false, Optional.empty(), null, new CapturingTrustManager(), ev);
    }

    /**
     * TLS client presenting {@code identity} (or no certificate), accepting any server certificate (recorded in
     * {@code trust}); {@code protocols} pins the TLS versions (null: TLS 1.3 and 1.2).
     */
    public static Exchange tls(ConformanceContext ctx, Node node, Optional<Identity> identity, String[] protocols,
                               CapturingTrustManager trust, Evidence ev) {
        Exchange x = run(ctx, node, true, identity, protocols, trust, ev);
        for (int attempt = 2; attempt <= CutOff.ATTEMPTS && CutOff.is(x); attempt++) {
            ev.note("the session was cut off, not refused (" + x.detail() + "): attempt " + attempt);
            x = run(ctx, node, true, identity, protocols, trust, ev);
        }
        return x;
    }

    private static Exchange run(ConformanceContext ctx, Node node, boolean tls, Optional<Identity> identity, String[] protocols,
                                CapturingTrustManager trust, Evidence ev) {
        long t0 = System.nanoTime();
        try (HandshakeGate.Permit slot = tls ? ctx.handshakeSlot() : null;
             RawNats c = RawNats.open(node.endpoint(), ctx.settings().connectTimeout(), ev)) {
            try {
                c.readInfo(ctx.settings().answerTimeout());
            } catch (IOException e) {
                return Exchange.unreachable("no INFO: " + RawNats.oneLine(e), System.nanoTime() - t0);
            }
            if (tls) {
                ev.note("client certificate: " + identity.map(i -> "CN=" + i.commonName() + ", issuer "
                        + i.certificate().getIssuerX500Principal().getName() + ", valid " + i.certificate().getNotBefore().toInstant()
                        + " .. " + i.certificate().getNotAfter().toInstant()).orElse("none"));
                try {
                    c.startTls(ctx.tls().probe(identity, trust), node.host(), protocols, ctx.settings().answerTimeout());
                } catch (IOException e) {
                    return Exchange.refused("TLS handshake failed: " + RawNats.tlsProblem(e), System.nanoTime() - t0);
                } finally {
                    slot.close();
                }
            }
            return c.connectSubscribePublish(connect(tls, "mco-nats-suite probe"), ctx.probeSubject(), ctx.settings().answerTimeout());
        } catch (IOException e) {
            return Exchange.unreachable("cannot connect: " + RawNats.oneLine(e), System.nanoTime() - t0);
        }
    }

    /** A client CONNECT as jnats would send it, with echo on so that the probe sees its own message come back. */
    public static String connect(boolean tls, String name) {
        ObjectNode o = JSON.createObjectNode();
        o.put("verbose", false);
        o.put("pedantic", false);
        o.put("tls_required", tls);
        o.put("name", name);
        o.put("lang", "java");
        o.put("version", "mco-nats-suite");
        o.put("protocol", 1);
        o.put("echo", true);
        return o.toString();
    }
}
