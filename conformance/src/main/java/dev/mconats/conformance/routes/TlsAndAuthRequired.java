package dev.mconats.conformance.routes;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mconats.conformance.ConformanceContext;
import dev.mconats.conformance.Evidence;
import dev.mconats.conformance.Node;
import dev.mconats.conformance.NodeCheck;
import dev.mconats.conformance.Verdict;
import dev.mconats.conformance.probe.CapturingTrustManager;
import dev.mconats.conformance.probe.CutOff;
import dev.mconats.conformance.probe.Exchange;
import dev.mconats.conformance.probe.HandshakeGate;
import dev.mconats.conformance.probe.NatsInfo;
import dev.mconats.conformance.probe.RawNats;
import dev.mconats.targetmodel.RouteSettings;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * routes/tls-and-auth-required: the cluster port must not take a route that skips TLS, nor one with wrong
 * credentials. Dials the route port only when the target allows it ({@code cluster.probe-routes = true}), and closes
 * at once if a probe is let in. The target's real route password is never sent, shown or stored.
 */
public final class TlsAndAuthRequired extends NodeCheck {
    private static final ObjectMapper JSON = new ObjectMapper();
    // nats-server 2.9 starts TLS on the route port before INFO; older servers and plaintext ports send INFO first.
    private static final Duration INFO_FIRST_WAIT = Duration.ofMillis(700);
    private static final String CUT_OFF = "cut off: ";

    public TlsAndAuthRequired() {
        super("routes/tls-and-auth-required",
                "The cluster port refuses a route without TLS and a route with wrong credentials.",
                "seed guide: cluster { tls { verify: true } authorization { user, password } }");
    }

    @Override
    protected Verdict check(ConformanceContext ctx, Node node) {
        Evidence ev = new Evidence();
        RouteSettings routes = ctx.target().routes();
        if (!routes.probe()) {
            return Verdict.skip("target.cluster.probe-routes = false: the suite may not dial the route port", ev);
        }
        InetSocketAddress port = new InetSocketAddress(node.endpoint().getAddress(), routes.port());
        List<String> failures = new ArrayList<>();
        List<String> doubts = new ArrayList<>();
        List<String> passes = new ArrayList<>();

        ev.note("probe 1: a route that does not use TLS, on " + RawNats.label(port));
        Optional<NatsInfo> plainInfo;
        try (RawNats c = RawNats.open(port, ctx.settings().connectTimeout(), ev)) {
            plainInfo = infoFirst(c, ev);
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
            return Verdict.pass("nothing accepts connections on the cluster port " + RawNats.label(port) + " (" + RawNats.oneLine(e)
                    + "), so no route can join", ev);
        }

        boolean plaintextPort = plainInfo.isPresent() && !plainInfo.get().tlsRequired();
        ev.note("probe 2: a route with wrong credentials" + (plaintextPort ? " (in plaintext, as the port offers no TLS)" : " over TLS"));
        for (int attempt = 1; attempt <= CutOff.ATTEMPTS; attempt++) {
            List<String> attemptDoubts = new ArrayList<>();
            wrongCredentials(ctx, node, routes, port, plainInfo.isPresent(), plaintextPort, ev, failures, attemptDoubts, passes);
            boolean cutOff = attemptDoubts.size() == 1 && attemptDoubts.get(0).startsWith(CUT_OFF);
            if (!cutOff || attempt == CutOff.ATTEMPTS) {
                attemptDoubts.forEach(d -> doubts.add(d.startsWith(CUT_OFF) ? d.substring(CUT_OFF.length()) : d));
                break;
            }
            ev.note("the TLS handshake was cut off, not refused: attempt " + (attempt + 1));
        }

        if (!failures.isEmpty()) {
            return Verdict.fail(String.join("; ", failures), ev);
        }
        if (!doubts.isEmpty()) {
            return Verdict.warn(String.join("; ", doubts) + (passes.isEmpty() ? "" : "; " + String.join("; ", passes)), ev);
        }
        return Verdict.pass(String.join("; ", passes), ev);
    }

    /**
     * Probe 2: TLS (unless the port offers none), then a route CONNECT with a random wrong password. Probe 1 found out
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
            doubts.add("the second probe could not finish: " + RawNats.oneLine(e));
        }
    }

    /** An INFO the port sends before TLS, if any (plaintext ports and pre-2.9 servers); empty on a TLS-first port. */
    private static Optional<NatsInfo> infoFirst(RawNats c, Evidence ev) throws IOException {
        try {
            String line = c.readLine(INFO_FIRST_WAIT);
            if (line == null) {
                throw new IOException("the cluster port closed the connection at once");
            }
            return Optional.of(NatsInfo.parse(line));
        } catch (SocketTimeoutException e) {
            ev.note("no INFO within " + INFO_FIRST_WAIT.toMillis() + " ms: the port expects TLS first");
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

    private static String randomHex() {
        return HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
    }
}
