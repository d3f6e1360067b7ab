package dev.mconats.simulations;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mconats.fleet.ConnectWarmup;
import dev.mconats.fleet.FleetState;
import dev.mconats.gatling.internal.NatsRun;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * load-summary.json: what one run measured, for the run folder and for BENCHMARKS.md — parameters, fleet counters,
 * connect rate and CPU per handshake, injector memory at steady state, and per request OK/KO and percentiles.
 * The load command adds Gatling's verdict (assertion lines and exit code) afterwards.
 */
public final class LoadSummary {
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private LoadSummary() {
    }

    static void write(Path file, String simulation, LoadSetup setup, NatsRun run) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("simulation", simulation);
        s.put("target", setup.target().name());
        s.put("servers", setup.servers().urls());
        s.put("parameters", new java.util.TreeMap<>(setup.params().given()));

        FleetState st = run.fleet().state();
        Map<String, Object> fleet = new LinkedHashMap<>();
        fleet.put("nodes", run.identities().localSize());
        fleet.put("fleet_size", run.identities().fleetSize());
        fleet.put("shard", run.identities().shard() + " of " + run.identities().shards());
        fleet.put("node_key_type", setup.tls().nodeKeyType());
        fleet.put("node_certificate", setup.tls().nodeCertSource());
        fleet.put("node_tls", setup.tls().nodeTlsProvider());
        fleet.put("node_connect_timeout_ms", run.fleet().nodeTuning().connectTimeout().toMillis());
        fleet.put("collectives", setup.spec().collectives());
        fleet.put("agents", setup.spec().agents().names());
        fleet.put("subscriptions_per_node", setup.spec().subscriptionsPerNode());
        fleet.put("max_live", st.maxLive());
        fleet.put("disconnects", st.disconnects());
        fleet.put("recoveries", st.recoveries());
        fleet.put("replies_sent", st.repliesSent());
        fleet.put("registrations_sent", st.registrations());
        fleet.put("rejected_requests", st.rejectedByReason());
        fleet.put("publish_errors", st.publishErrors());
        fleet.put("connection_errors", st.connectionErrors());
        fleet.put("failed_reconnect_attempts", st.failedReconnectAttempts());
        s.put("fleet", fleet);
        Map<String, Object> scope = setup.scopeRecord();
        scope.put("refused_gossiped_servers", setup.servers().scope().refusedGossipUrls());
        s.put("load_scope", scope);

        s.put("connect", run.stats().connectSummary());
        ConnectWarmup.Result w = run.fleet().connectWarmup();
        Map<String, Object> warmup = new LinkedHashMap<>();
        warmup.put("connections", w.connections());
        warmup.put("connected", w.ok());
        warmup.put("ms", w.millis());
        warmup.put("injector_cpu_ms", w.cpuMillis());
        warmup.put("jit_settle_ms", w.settleMillis());
        s.put("connect_warmup", warmup);
        s.put("injector_memory", run.stats().memorySummary());
        Map<String, Object> discovery = new LinkedHashMap<>();
        discovery.put("missing_replies", run.stats().missingReplies());
        s.put("discovery", discovery);
        run.storm().ifPresent(storm -> s.put("storm", storm.toJson(run.control())));
        s.put("requests", run.stats().requestSummary());
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            JSON.writeValue(file.toFile(), s);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** Adds Gatling's verdict to an existing summary (done by the runner after Gatling returned). */
    public static void addVerdict(Path file, int gatlingExitCode, java.util.List<String> assertionLines, String reportDir) {
        try {
            ObjectNode root = Files.isRegularFile(file) ? (ObjectNode) JSON.readTree(file.toFile()) : JSON.createObjectNode();
            ObjectNode g = root.putObject("gatling");
            g.put("exit_code", gatlingExitCode);
            g.put("assertions_passed", gatlingExitCode == 0);
            g.put("report", reportDir);
            var arr = g.putArray("assertions");
            assertionLines.forEach(arr::add);
            JSON.writeValue(file.toFile(), root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot update " + file, e);
        }
    }
}
