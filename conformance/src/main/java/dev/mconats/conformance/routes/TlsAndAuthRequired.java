package dev.mconats.conformance.routes;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mconats.conformance.ConformanceContext;
import dev.mconats.conformance.Evidence;
import dev.mconats.conformance.Node;
import dev.mconats.conformance.NodeCheck;
import dev.mconats.conformance.Sources;
import dev.mconats.conformance.Verdict;
import dev.mconats.conformance.probe.CapturingTrustManager;
import dev.mconats.conformance.probe.CutOff;
import dev.mconats.conformance.probe.Exchange;
import dev.mconats.conformance.probe.HandshakeGate;
import dev.mconats.conformance.probe.MonitorClient;
import dev.mconats.conformance.probe.NatsInfo;
import dev.mconats.conformance.probe.RawNats;
import dev.mconats.pki.Identity;
import dev.mconats.targetmodel.RouteSettings;
import dev.mconats.targetmodel.TargetException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * routes/tls-and-auth-required: the cluster port must not take a route that skips TLS, one whose certificate is not
 * from the cluster's CA (or that has none), nor one with wrong credentials.
 *
 * <p>The port judged is the one the server reports in its {@code /varz} ({@code cluster.cluster_port}); the target's
 * {@code cluster.route-port} is only the fallback when {@code /varz} cannot be read, and a difference is reported.
 * With {@code cluster.probe-routes = true} the port is dialled: a plaintext route, a TLS session without a client
 * certificate, one with a certificate from a CA minted on the spot (both must be refused in the handshake: getting
 * past it is a FAIL even if route authorization would stop the route later), and a route CONNECT with a random wrong
 * password over TLS with the trusted certificate. Without probing, {@code /varz} ({@code tls_required},
 * {@code tls_verify}) is judged and the verdict says it was not probed; authorization cannot be seen that way, so a
 * clean {@code /varz} is a SKIP, not a PASS. A port the suite cannot reach is inconclusive (SKIP), never a PASS. The
 * target's real route password is never sent, shown or stored.
 */
public final class TlsAndAuthRequired extends NodeCheck {
    private static final ObjectMapper JSON = new ObjectMapper();
    // nats-server 2.9 starts TLS on the route port before INFO; older servers and plaintext ports send INFO first.
    // The wait for an INFO is at most half the port's TLS timeout, so that a TLS-first port does not time the probe out.
    private static final Duration INFO_FIRST_WAIT = Duration.ofMillis(700);
    // After a TLS 1.3 handshake the server's verdict on the client certificate is the first thing it sends.
    private static final Duration VERDICT_WAIT = Duration.ofMillis(500);
    private static final String CUT_OFF = "cut off: ";

    public TlsAndAuthRequired() {
        super("routes/tls-and-auth-required",
                "The cluster port refuses a route without TLS, one without a certificate from the cluster's CA, and one with wrong credentials.",
                Sources.SEED + ": cluster { tls { verify: true } authorization { user, password } }; nats-server cluster TLS and "
                        + "authorization (https://docs.nats.io/running-a-nats-service/configuration/clustering/cluster_config)");
    }

    /** Where the server listens for routes, and what its /varz says about them (empty when /varz cannot be read). */
    private record Port(InetSocketAddress address, String source, Optional<VarzCluster> varz, String mismatch) {
    }

    @Override
    protected Verdict check(ConformanceContext ctx, Node node) {
        Evidence ev = new Evidence();
        RouteSettings routes = ctx.target().routes();
        Optional<VarzCluster> varz = readVarz(ctx, node, ev);
        if (varz.isPresent() && !varz.get().listens()) {
            return Verdict.pass("the server has no cluster port (its /varz reports no cluster_port), so no route can join it", ev);
        }
        Port port = port(ctx, node, varz, ev);
        List<String> failures = new ArrayList<>();
        varz.ifPresent(v -> {
            if (!v.tlsRequired()) {
                failures.add("the cluster port does not require TLS (/varz cluster.tls_required false)");
            }
            if (v.tlsRequired() && !v.tlsVerify()) {
                failures.add("the cluster port does not verify route peers' certificates (/varz cluster.tls_verify false)");
            }
        });

        if (!routes.probe()) {
            String notProbed = "not probed: target.cluster.probe-routes = false";
            if (varz.isEmpty()) {
                return Verdict.skip(notProbed + ", and no /varz to judge the cluster port from (" + port.source() + ")", ev);
            }
            if (!failures.isEmpty()) {
                return Verdict.fail(String.join("; ", failures) + " (judged from /varz; " + notProbed + ")", ev);
            }
            return Verdict.skip("/varz reports TLS with peer verification on cluster port " + RawNats.label(port.address()) + port.mismatch()
                    + "; route authorization cannot be seen without dialling the port (" + notProbed + ")", ev);
        }

        List<String> doubts = new ArrayList<>();
        List<String> passes = new ArrayList<>();
        InetSocketAddress at = port.address();

        // the server's own TLS timeout on this port (/varz), else the seed's 2 s
        Duration tlsTimeout = Duration.ofMillis(Math.round(1000 * varz.map(VarzCluster::tlsTimeout).filter(t -> t > 0).orElse(2.0)));
        ev.note("probe 1: a route that does not use TLS, on " + RawNats.label(at) + " (" + port.source() + ")");
        Optional<NatsInfo> plainInfo;
        try (RawNats c = RawNats.open(at, ctx.settings().connectTimeout(), ev)) {
            plainInfo = infoFirst(c, min(INFO_FIRST_WAIT, tlsTimeout.dividedBy(2)), ev);
            if (plainInfo.isPresent() && !plainInfo.get().tlsRequired()) {
                failures.add("the cluster port speaks plaintext (its INFO before any TLS has no tls_required)");
            }
            Exchange x = c.connectPing(routeConnect(routes, "x-" + randomHex(), false, true), routeConnect(routes, "****", false, false),
                    ctx.settings().answerTimeout());
            if (x.accepted()) {
                failures.add("a plaintext route CONNECT was answered with PONG");
            } else if (plainInfo.isEmpty() || plainInfo.get().tlsRequired()) {
                passes.add("plaintext route refused (" + x.detail() + ")");
            }
        } catch (IOException e) {
            return Verdict.skip("inconclusive: cannot reach the cluster port " + RawNats.label(at) + " (" + port.source() + "): "
                    + RawNats.oneLine(e) + "; a port the suite cannot reach proves nothing", ev);
        }
        boolean plaintextPort = plainInfo.isPresent() && !plainInfo.get().tlsRequired();

        if (plaintextPort) {
            ev.note("probes 2 and 3 (route certificates) skipped: the port offers no TLS, so it demands no certificate");
        } else {
            peerCertificate(ctx, node, at, plainInfo.isPresent(), Optional.empty(), "no client certificate", tlsTimeout, ev, failures,
                    doubts, passes);
            Identity foreign = ctx.tls().untrustedClient();
            peerCertificate(ctx, node, at, plainInfo.isPresent(), Optional.of(foreign), "a certificate from a CA minted by the suite ("
                    + foreign.certificate().getIssuerX500Principal().getName() + ")", tlsTimeout, ev, failures, doubts, passes);
        }

        ev.note("probe 4: a route with wrong credentials" + (plaintextPort ? " (in plaintext, as the port offers no TLS)" : " over TLS"));
        for (int attempt = 1; attempt <= CutOff.ATTEMPTS; attempt++) {
            List<String> attemptDoubts = new ArrayList<>();
            wrongCredentials(ctx, node, routes, at, plainInfo.isPresent(), plaintextPort, ev, failures, attemptDoubts, passes);
            boolean cutOff = attemptDoubts.size() == 1 && attemptDoubts.get(0).startsWith(CUT_OFF);
            if (!cutOff || attempt == CutOff.ATTEMPTS) {
                attemptDoubts.forEach(d -> doubts.add(d.startsWith(CUT_OFF) ? d.substring(CUT_OFF.length()) : d));
                break;
            }
            ev.note("the TLS handshake was cut off, not refused: attempt " + (attempt + 1));
        }

        if (!failures.isEmpty()) {
            return Verdict.fail(String.join("; ", failures) + port.mismatch(), ev);
        }
        if (!port.mismatch().isEmpty()) {
            doubts.add(port.mismatch().substring(2));
        }
        if (!doubts.isEmpty()) {
            return Verdict.warn(String.join("; ", doubts) + (passes.isEmpty() ? "" : "; " + String.join("; ", passes)), ev);
        }
        return Verdict.pass(String.join("; ", passes), ev);
    }

    /** The node's /varz cluster section, if its monitor endpoint answers for this very server. */
    private static Optional<VarzCluster> readVarz(ConformanceContext ctx, Node node, Evidence ev) {
        Optional<MonitorClient.Reply> reply = ctx.varz(node);
        if (reply.isEmpty()) {
            ev.note("no monitor endpoint to read /varz from: " + node.monitorProblem());
            return Optional.empty();
        }
        MonitorClient.Reply r = reply.get();
        ev.sent("GET " + r.url());
        if (!r.ok()) {
            ev.received(r.problem());
            return Optional.empty();
        }
        String id = r.json().path("server_id").asText("");
        if (!id.equals(node.info().serverId())) {
            ev.received("server_id " + id + ", but the client port reports " + node.info().serverId() + ": not this server's /varz");
            return Optional.empty();
        }
        VarzCluster v = VarzCluster.of(r.json());
        ev.received(v.describe());
        return Optional.of(v);
    }

    /** The port the server really uses (from /varz), else the target's; a difference between the two is reported. */
    private static Port port(ConformanceContext ctx, Node node, Optional<VarzCluster> varz, Evidence ev) {
        int targetPort = ctx.target().routes().port();
        if (varz.isEmpty()) {
            return new Port(new InetSocketAddress(node.endpoint().getAddress(), targetPort),
                    "target.cluster.route-port, as the server's /varz cannot be read", Optional.empty(), "");
        }
        VarzCluster v = varz.get();
        InetAddress host = node.endpoint().getAddress();
        if (!v.anyAddress()) {
            try {
                host = ctx.target().resolve(v.addr());
            } catch (TargetException e) {
                ev.note("cluster addr " + v.addr() + " does not resolve (" + e.getMessage() + "); probing the node's address");
            }
        }
        String mismatch = v.port() == targetPort ? ""
                : "; the target's cluster.route-port is " + targetPort + " but the server's cluster port is " + v.port() + " (/varz): the target file is out of date";
        return new Port(new InetSocketAddress(host, v.port()), "the server's cluster port from /varz", varz, mismatch);
    }

    /**
     * Probes 2 and 3: a TLS session with the given client certificate (or none) must be refused in the handshake. With
     * TLS 1.2 the refusal ends the handshake; with TLS 1.3 the server judges the certificate after the client's last
     * handshake message and its alert is the first thing it sends. INFO or silence instead means the session got past
     * the handshake: a FAIL, whatever route authorization would do next.
     */
    private static void peerCertificate(ConformanceContext ctx, Node node, InetSocketAddress at, boolean infoFirst, Optional<Identity> id,
                                        String what, Duration tlsTimeout, Evidence ev, List<String> failures, List<String> doubts,
                                        List<String> passes) {
        ev.note("probe " + (id.isEmpty() ? 2 : 3) + ": a route TLS session with " + what);
        String problem = null;
        for (int attempt = 1; attempt <= CutOff.ATTEMPTS; attempt++) {
            try (HandshakeGate.Permit slot = ctx.handshakeSlot();
                 RawNats c = RawNats.open(at, ctx.settings().connectTimeout(), ev)) {
                if (infoFirst) {
                    c.readInfo(ctx.settings().answerTimeout());
                }
                long t0 = System.nanoTime();
                try {
                    c.startTls(ctx.tls().probe(id, new CapturingTrustManager()), node.host(), null, ctx.settings().answerTimeout());
                } catch (IOException e) {
                    String why = RawNats.tlsProblem(e);
                    long took = System.nanoTime() - t0;
                    if (CutOff.is(why) && took < tlsTimeout.toNanos() / 2) {
                        // The server closed while this client was still sending its certificate, long before its TLS timeout
                        // could have run out: it hung up on the certificate (its alert lost in the reset), not on a slow client.
                        passes.add(what + " refused in the handshake (closed by the server after " + Evidence.ms(took)
                                + ", long before its TLS timeout of " + tlsTimeout.toMillis() + " ms: " + why + ")");
                        return;
                    }
                    if (CutOff.is(why) && attempt < CutOff.ATTEMPTS) {
                        ev.note("the handshake was cut off, not refused (" + why + "): attempt " + (attempt + 1));
                        continue;
                    }
                    if (CutOff.is(why)) {
                        problem = why;
                        break;
                    }
                    passes.add(what + " refused in the handshake (" + why + ")");
                    return;
                } finally {
                    slot.close();
                }
                try {
                    String line = c.readLine(infoFirst ? VERDICT_WAIT : ctx.settings().answerTimeout());
                    if (line == null) {
                        ev.received("connection closed by the server right after the handshake");
                        passes.add(what + " refused: closed right after the handshake");
                    } else {
                        failures.add("a route TLS session with " + what + " got past the handshake (the server answered "
                                + abbreviate(line) + ")");
                    }
                } catch (SocketTimeoutException e) {
                    if (infoFirst) {
                        failures.add("a route TLS session with " + what + " got past the handshake (no alert within "
                                + VERDICT_WAIT.toMillis() + " ms; the server waits for the route's CONNECT)");
                    } else {
                        problem = "no INFO nor alert within " + ctx.settings().answerTimeout().toMillis() + " ms after the handshake";
                    }
                } catch (IOException e) {
                    ev.received("at the end of the handshake: " + RawNats.tlsProblem(e));
                    passes.add(what + " refused in the handshake (" + RawNats.tlsProblem(e) + ")");
                }
                return;
            } catch (IOException e) {
                problem = RawNats.oneLine(e);
            }
        }
        doubts.add("the session with " + what + " could not be judged (" + problem + ")");
    }

    /**
     * Probe 4: TLS (unless the port offers none), then a route CONNECT with a random wrong password. Probe 1 found out
     * whether the port sends INFO first; no waiting here, as route ports also run an authorization timer (0.75 s in
     * the seed) from the moment they accept.
     */
    private static void wrongCredentials(ConformanceContext ctx, Node node, RouteSettings routes, InetSocketAddress port,
                                         boolean infoFirst, boolean plaintextPort, Evidence ev, List<String> failures,
                                         List<String> doubts, List<String> passes) {
        try (HandshakeGate.Permit slot = ctx.handshakeSlot();
             RawNats c = RawNats.open(port, ctx.settings().connectTimeout(), ev)) {
            Optional<NatsInfo> info = infoFirst ? Optional.of(c.readInfo(ctx.settings().answerTimeout())) : Optional.empty();
            if (!plaintextPort) {
                try {
                    c.startTls(ctx.tls().probe(Optional.of(ctx.tls().client()), new CapturingTrustManager()), node.host(), null,
                            ctx.settings().answerTimeout());
                } catch (IOException e) {
                    String why = RawNats.tlsProblem(e);
                    doubts.add((CutOff.is(why) ? CUT_OFF : "") + "the route port refused the TLS handshake with the trusted client "
                            + "certificate (" + why + "), so the credential check itself was not reached");
                    return;
                } finally {
                    slot.close();
                }
                if (info.isEmpty()) {
                    info = Optional.of(c.readInfo(ctx.settings().answerTimeout()));
                }
            }
            if (info.isPresent() && !info.get().authRequired()) {
                failures.add("the cluster port asks for no credentials (its INFO has no auth_required)");
            }
            Exchange x = c.connectPing(routeConnect(routes, "x-" + randomHex(), !plaintextPort, true),
                    routeConnect(routes, "****", !plaintextPort, false), ctx.settings().answerTimeout());
            if (x.accepted()) {
                failures.add("a route with a wrong password was answered with PONG");
            } else if (x.refused()) {
                passes.add("wrong credentials refused (" + x.detail() + ")");
            } else {
                doubts.add("no answer to a route CONNECT with wrong credentials (" + x.detail() + ")");
            }
        } catch (IOException e) {
            doubts.add("the credentials probe could not finish: " + RawNats.oneLine(e));
        }
    }

    /** An INFO the port sends before TLS, if any (plaintext ports and pre-2.9 servers); empty on a TLS-first port. */
    private static Optional<NatsInfo> infoFirst(RawNats c, Duration wait, Evidence ev) throws IOException {
        try {
            String line = c.readLine(wait);
            if (line == null) {
                ev.note("closed without INFO after " + Evidence.ms(c.elapsed()) + ": the port expects TLS first, and its TLS timeout ran out");
                return Optional.empty();
            }
            return Optional.of(NatsInfo.parse(line));
        } catch (SocketTimeoutException e) {
            ev.note("no INFO within " + wait.toMillis() + " ms: the port expects TLS first");
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            throw new IOException("not a NATS route port: " + e.getMessage());
        }
    }

    private static String routeConnect(RouteSettings routes, String password, boolean tls, boolean real) {
        ObjectNode o = JSON.createObjectNode();
        o.put("echo", false);
        o.put("verbose", false);
        o.put("pedantic", false);
        o.put("user", routes.user().isEmpty() ? "routes" : routes.user());
        o.put("pass", real ? password : "****");
        o.put("tls_required", tls);
        o.put("headers", true);
        o.put("name", "mco-nats-suite-route-probe");
        return o.toString();
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static String abbreviate(String line) {
        return line.length() <= 60 ? line : line.substring(0, 57) + "...";
    }

    private static String randomHex() {
        return HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
    }
}
