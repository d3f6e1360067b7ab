package dev.mconats.conformance.monitor;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mconats.conformance.ConformanceContext;
import dev.mconats.conformance.Evidence;
import dev.mconats.conformance.Node;
import dev.mconats.conformance.NodeCheck;
import dev.mconats.conformance.Sources;
import dev.mconats.conformance.Verdict;
import dev.mconats.conformance.probe.MonitorClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * monitor/limits: the monitor endpoint answers, and the limits that decide whether a fleet fits are high enough:
 * max_connections at least the expected fleet (a node must carry the whole fleet when its peers are down) and
 * max_payload at least 1 MiB (nats-server's default; large RPC replies need it).
 */
public final class Limits extends NodeCheck {
    static final long MIN_PAYLOAD = 1024 * 1024;

    public Limits() {
        super("monitor/limits",
                "The monitor endpoint answers; max_connections is at least the expected fleet size and max_payload at least 1 MB.",
                Sources.SEED + ": monitor_port 8222; Choria broker docs: 50,000 connections per broker "
                        + "(https://choria.io/docs/deployment/broker/); go-choria#444 (\"too many open files\" at ~1,024 nodes)");
    }

    @Override
    protected Verdict check(ConformanceContext ctx, Node node) {
        Evidence ev = new Evidence();
        if (node.monitor().isEmpty()) {
            return Verdict.fail("no monitor endpoint: " + node.monitorProblem(), ev);
        }
        MonitorClient.Reply varz = ctx.monitor().get(node.monitor().get(), "/varz");
        ev.sent("GET " + varz.url());
        if (!varz.ok()) {
            ev.received(varz.problem());
            return Verdict.fail("monitor endpoint " + varz.url() + " does not answer: " + varz.problem(), ev);
        }
        ev.time("answer in " + Evidence.ms(varz.nanos()));
        JsonNode v = varz.json();
        long maxConnections = v.path("max_connections").asLong(-1);
        long maxPayload = v.path("max_payload").asLong(-1);
        long writeDeadlineNanos = v.path("write_deadline").asLong(-1);
        String version = v.path("version").asText("?");
        ev.received(String.format(Locale.ROOT, "server_name %s, server_id %s, version %s, max_connections %d, max_payload %d, "
                        + "write_deadline %s, tls_timeout %s, connections %d", v.path("server_name").asText(""), v.path("server_id").asText(""),
                version, maxConnections, maxPayload, seconds(writeDeadlineNanos), v.path("tls_timeout").asText("?"),
                v.path("connections").asLong(-1)));
        List<String> problems = new ArrayList<>();
        String id = v.path("server_id").asText("");
        if (!id.equals(node.info().serverId())) {
            problems.add("the monitor endpoint belongs to another server (server_id " + id + ", the client port reports "
                    + node.info().serverId() + ")");
        }
        long fleet = ctx.target().expectedFleetSize();
        if (maxConnections < fleet) {
            problems.add("max_connections " + maxConnections + " is below the expected fleet size " + fleet + " (expected-fleet-size)");
        }
        if (maxPayload < MIN_PAYLOAD) {
            problems.add("max_payload " + maxPayload + " is below 1 MB (" + MIN_PAYLOAD + ")");
        }
        if (!problems.isEmpty()) {
            return Verdict.fail(String.join("; ", problems), ev);
        }
        return Verdict.pass(String.format(Locale.ROOT, "nats-server %s: max_connections %d >= fleet %d, max_payload %.1f MiB, write_deadline %s",
                version, maxConnections, fleet, maxPayload / (double) MIN_PAYLOAD, seconds(writeDeadlineNanos)), ev);
    }

    private static String seconds(long nanos) {
        return nanos < 0 ? "?" : String.format(Locale.ROOT, "%.1f s", nanos / 1e9);
    }
}
