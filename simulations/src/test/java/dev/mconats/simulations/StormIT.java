package dev.mconats.simulations;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mconats.cluster.LocalCluster;
import dev.mconats.cluster.LocalDeployment;
import dev.mconats.cluster.LoopbackBlock;
import dev.mconats.cluster.ManagedProcess;
import dev.mconats.cluster.ProcessRegistry;
import dev.mconats.pki.KeyType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The storm simulations against real local deployments at small scale, in a forked injector: the measured outage and
 * recovery, the member started again with the same executable and config, and FAIL when a member does not come back.
 */
class StormIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private static Map<String, String> params(LocalDeployment d, String... more) {
        Map<String, String> p = new LinkedHashMap<>(Map.of("target", d.targetFile().toString(), "nodes", "30", "rounds", "1",
                "round-interval", "0.5", "directed", "0", "ramp-rate", "30", "discovery-timeout", "2", "down-for", "2"));
        for (int i = 0; i < more.length; i += 2) {
            p.put(more[i], more[i + 1]);
        }
        return p;
    }

    private Injector.Result run(String simulation, Map<String, String> params) throws Exception {
        return Injector.run(LoadRunner.class.getName(), List.of(simulation, dir.resolve("run").toString()), params,
                dir.resolve("injector.log"));
    }

    private JsonNode storm() throws Exception {
        return JSON.readTree(dir.resolve("run/load-summary.json").toFile()).path("storm");
    }

    private static Map<Integer, Long> pids(LocalDeployment d) throws Exception {
        Map<Integer, Long> out = new HashMap<>();
        for (LocalCluster.Node n : d.cluster().nodes()) {
            out.put(n.index(), Long.parseLong(Files.readString(n.pidFile()).trim()));
        }
        return out;
    }

    @Test
    void reconnectStormKillsAMemberStartsItAgainAndMeasuresTheRecovery() throws Exception {
        long restartedPid;
        try (LocalDeployment d = LocalDeployment.builder(dir.resolve("dep")).size(3).addressPrefix(LoopbackBlock.free())
                .keyType(KeyType.EC_P256).start()) {
            LocalCluster.Node node2 = d.cluster().node(2);
            String config = Files.readString(node2.configFile());
            Map<Integer, Long> before = pids(d);
            Injector.Result r = run("ReconnectStorm", params(d));

            assertThat(r.exitCode()).as(r.output()).isZero();
            JsonNode s = storm();
            assertThat(s.path("kind").asText()).isEqualTo("ReconnectStorm");
            assertThat(s.path("fault").asText()).isEqualTo("kill");
            assertThat(s.path("verdict").asText()).as(s.toString()).isEqualTo("PASS");
            assertThat(s.path("members").asInt()).isEqualTo(3);
            assertThat(s.path("fleet_size").asInt()).isEqualTo(30);
            assertThat(s.path("steps")).hasSize(1);
            JsonNode step = s.path("steps").get(0);
            assertThat(step.path("member").asText()).isEqualTo("node2");
            assertThat(step.path("server").asText()).isEqualTo(node2.config().clientEndpoint());
            long affected = step.path("affected_nodes").asLong();
            assertThat(affected).isPositive();
            assertThat(step.path("nodes_on_member_before").asLong()).isEqualTo(affected);
            // the member was down for down-for, then started again; the fleet moved to the survivors meanwhile
            long downFor = step.path("started_again_at").asLong() - step.path("fault_at").asLong();
            assertThat(downFor).isBetween(2000L, 4000L);
            assertThat(step.path("all_reconnected_ms").asLong()).isPositive().isLessThan(downFor + 1000);
            assertThat(step.path("mesh_whole_ms").isNumber()).isTrue();
            assertThat(step.path("after_rounds").path("count").asInt()).isGreaterThanOrEqualTo(3);
            assertThat(step.path("after_rounds").path("ko").asInt()).isZero();
            assertThat(step.path("after_rounds").path("missing_replies").asInt()).isZero();
            // nodes that reconnected stayed on the survivors: the restarted member carries none of them
            int spread = 0;
            for (var e : step.path("spread_after").properties()) {
                spread += e.getValue().asInt();
            }
            assertThat(spread).isEqualTo(30);
            assertThat(step.path("spread_after").path(node2.config().clientEndpoint()).asInt()).isZero();
            assertThat(step.path("injector_cpu").path("mean_util").isNumber()).isTrue();
            assertThat(step.path("verdict").asText()).isEqualTo("PASS");
            assertThat(s.path("timeline")).extracting(t -> t.path("phase").asText())
                    .containsExactly("steady", "outage", "recovering", "recovered");
            JsonNode requests = JSON.readTree(dir.resolve("run/load-summary.json").toFile()).path("requests");
            assertThat(requests.path("discovery").path("ko").asInt()).isZero();
            assertThat(requests.path("reconnect").path("ok").asLong()).isEqualTo(affected);

            // started again as it ran: same executable, same config file, a new process found by the same PID file
            Map<Integer, Long> after = pids(d);
            assertThat(after.get(2)).isNotEqualTo(before.get(2));
            assertThat(after.get(1)).isEqualTo(before.get(1));
            assertThat(Files.readString(node2.configFile())).isEqualTo(config);
            ManagedProcess restarted = ManagedProcess.fromPidFile("node2", node2.pidFile(), node2.configFile().toString()).orElseThrow();
            assertThat(restarted.isAlive()).isTrue();
            restartedPid = restarted.pid();
            assertThat(restarted.executable()).isEqualTo(ManagedProcess.fromPidFile("node1", d.cluster().node(1).pidFile(),
                    d.cluster().node(1).configFile().toString()).orElseThrow().executable());
        }
        assertThat(ProcessRegistry.live()).isEmpty();
        assertThat(ProcessHandle.of(restartedPid).map(ProcessHandle::isAlive).orElse(false))
                .as("the member the injector started is stopped with its deployment").isFalse();
    }

    @Test
    void reconnectStormAgainstOneServerStopsItAndTheFleetComesBackOnlyAfterTheRestart() throws Exception {
        try (LocalDeployment d = LocalDeployment.builder(dir.resolve("dep")).size(1).addressPrefix(LoopbackBlock.free())
                .keyType(KeyType.EC_P256).start()) {
            Injector.Result r = run("ReconnectStorm", params(d, "fault", "stop", "down-for", "3"));

            assertThat(r.exitCode()).as(r.output()).isZero();
            JsonNode s = storm();
            assertThat(s.path("verdict").asText()).as(s.toString()).isEqualTo("PASS");
            assertThat(s.path("fault").asText()).isEqualTo("stop");
            JsonNode step = s.path("steps").get(0);
            assertThat(step.path("member").asText()).isEqualTo("node1");
            assertThat(step.path("affected_nodes").asInt()).isEqualTo(30);
            // nowhere to go while the only server is down: the fleet is back only after the restart
            long down = step.path("started_again_at").asLong() - step.path("fault_at").asLong();
            assertThat(step.path("all_reconnected_ms").asLong()).isGreaterThan(down);
            // and every node's attempts while it is down fail (after one backoff step, ~0.5 s, and another, ~1.5 s): counted
            assertThat(step.path("failed_reconnect_attempts").asLong()).isGreaterThanOrEqualTo(30);
            JsonNode outage = step.path("outage_rounds");
            if (outage.path("count").asInt() > 0) {
                assertThat(outage.path("replies_received").asLong()).isLessThan(outage.path("replies_expected").asLong());
            }
            assertThat(step.path("after_rounds").path("ko").asInt()).isZero();
            assertThat(step.path("after_rounds").path("count").asInt()).isPositive();
            assertThat(step.path("spread_after").path(d.cluster().node(1).config().clientEndpoint()).asInt()).isEqualTo(30);
        }
    }

    @Test
    void rollingRestartRestartsEveryMemberInTurn() throws Exception {
        try (LocalDeployment d = LocalDeployment.builder(dir.resolve("dep")).size(3).addressPrefix(LoopbackBlock.free())
                .keyType(KeyType.EC_P256).start()) {
            Map<Integer, Long> before = pids(d);
            Injector.Result r = run("RollingRestart", params(d, "down-for", "1"));

            assertThat(r.exitCode()).as(r.output()).isZero();
            JsonNode s = storm();
            assertThat(s.path("kind").asText()).isEqualTo("RollingRestart");
            assertThat(s.path("fault").asText()).isEqualTo("stop");
            assertThat(s.path("verdict").asText()).as(s.toString()).isEqualTo("PASS");
            assertThat(s.path("steps")).extracting(x -> x.path("member").asText()).containsExactly("node1", "node2", "node3");
            long previousEnd = 0;
            for (JsonNode step : s.path("steps")) {
                assertThat(step.path("verdict").asText()).isEqualTo("PASS");
                assertThat(step.path("mesh_whole_ms").isNumber()).isTrue();
                assertThat(step.path("fault_at").asLong()).as("one member at a time").isGreaterThan(previousEnd);
                previousEnd = step.path("started_again_at").asLong();
                assertThat(step.path("after_rounds").path("ko").asInt()).isZero();
            }
            Map<Integer, Long> after = pids(d);
            for (int i = 1; i <= 3; i++) {
                assertThat(after.get(i)).as("node" + i + " was restarted").isNotEqualTo(before.get(i));
            }
        }
        assertThat(ProcessRegistry.live()).isEmpty();
    }

    @Test
    void aMemberThatDoesNotComeBackFailsTheStormAndNoOtherMemberGoesDown() throws Exception {
        Path broken = dir.resolve("nats-server-candidate");
        Files.writeString(broken, "#!/bin/sh\necho 'candidate refuses to start' >&2\nexit 1\n");
        Files.setPosixFilePermissions(broken, PosixFilePermissions.fromString("rwxr-xr-x"));
        try (LocalDeployment d = LocalDeployment.builder(dir.resolve("dep")).size(3).addressPrefix(LoopbackBlock.free())
                .keyType(KeyType.EC_P256).start()) {
            Map<Integer, Long> before = pids(d);
            Injector.Result r = run("RollingRestart", params(d, "down-for", "1", "replace-with", broken.toString(),
                    "member-ready-timeout", "5"));

            assertThat(r.exitCode()).as(r.output()).isEqualTo(1);
            JsonNode s = storm();
            assertThat(s.path("verdict").asText()).isEqualTo("FAIL");
            assertThat(s.path("replacement").asText()).isEqualTo(broken.toString());
            assertThat(s.path("steps")).hasSize(1);
            JsonNode step = s.path("steps").get(0);
            assertThat(step.path("verdict").asText()).isEqualTo("FAIL");
            assertThat(step.path("reason").asText()).contains("node1 did not come back", "candidate refuses to start", "rolled back");
            assertThat(step.path("mesh_whole_ms").isNull()).isTrue();
            assertThat(s.path("not_run")).extracting(JsonNode::asText).containsExactly("node2", "node3");
            assertThat(s.path("reason").asText()).contains("not run after that: node2, node3");
            // rolled back to what ran before; the others were never touched
            Map<Integer, Long> after = pids(d);
            assertThat(after.get(1)).isNotEqualTo(before.get(1));
            assertThat(alive(d.cluster().node(1).pidFile())).isTrue();
            assertThat(after.get(2)).isEqualTo(before.get(2));
            assertThat(after.get(3)).isEqualTo(before.get(3));
        }
    }

    @Test
    void stagingCommandsOfTheTargetFileDriveTheStormOnlyWithTheOptIn() throws Exception {
        long restartedPid;
        try (LocalDeployment d = LocalDeployment.builder(dir.resolve("dep")).size(3).addressPrefix(LoopbackBlock.free())
                .keyType(KeyType.EC_P256).start()) {
            LocalCluster.Node node2 = d.cluster().node(2);
            // A "staging" target: the same servers, in a folder of its own (no member folders beside it), with the
            // operator's commands for node2, here local ones that stop and start it by its PID file.
            String server = node2.config().address() + ":4222";
            String fault = "target { fault {\n  allow-member-commands = %s\n  command-timeout = 20s\n  members = [{ name = nats2, server = \"%s\","
                    + " stop = \"echo stopping; kill $(cat %s)\", start = \"echo starting; %s --config %s >> %s 2>&1 &\" }]\n} }\n";
            String base = Files.readString(d.targetFile());
            Path staging = Files.createDirectories(dir.resolve("staging"));
            Path optedIn = Files.writeString(staging.resolve("opted-in.conf"), base + String.format(fault, "true", server,
                    node2.pidFile(), dev.mconats.cluster.Executables.natsServer(), node2.configFile(), node2.log()));
            Path notOptedIn = Files.writeString(staging.resolve("not-opted-in.conf"), base + String.format(fault, "false", server,
                    node2.pidFile(), dev.mconats.cluster.Executables.natsServer(), node2.configFile(), node2.log()));
            Path noSection = Files.writeString(staging.resolve("no-fault-section.conf"), base);

            Injector.Result refused = run("ReconnectStorm", params(d, "target", notOptedIn.toString(), "fault", "stop"));
            assertThat(refused.exitCode()).isEqualTo(2);
            assertThat(refused.output().strip()).startsWith("error: target.fault.allow-member-commands is false")
                    .doesNotContain("\tat ").doesNotContain("\n");
            Injector.Result none = run("ReconnectStorm", params(d, "target", noSection.toString()));
            assertThat(none.exitCode()).isEqualTo(2);
            assertThat(none.output().strip()).startsWith("error: ReconnectStorm must stop and start members of").doesNotContain("\n");
            Injector.Result noKill = run("ReconnectStorm", params(d, "target", optedIn.toString()));
            assertThat(noKill.output().strip()).isEqualTo("error: target.fault.members: nats2 has no kill command (add one, or run with "
                    + "mconats.load.fault=stop)");

            long before = Long.parseLong(Files.readString(node2.pidFile()).trim());
            Injector.Result r = run("ReconnectStorm", params(d, "target", optedIn.toString(), "fault", "stop"));
            assertThat(r.exitCode()).as(r.output()).isZero();
            JsonNode s = storm();
            assertThat(s.path("verdict").asText()).as(s.toString()).isEqualTo("PASS");
            assertThat(s.path("steps").get(0).path("member").asText()).isEqualTo("nats2");
            assertThat(s.path("steps").get(0).path("affected_nodes").asInt()).isPositive();
            Path commands = dir.resolve("run/member-commands");
            List<String> journal = Files.readAllLines(commands.resolve("member-commands.jsonl"));
            assertThat(journal).hasSize(2);
            assertThat(journal.get(0)).contains("\"member\":\"nats2\"", "\"action\":\"stop\"", "\"exit_code\":0", "\"timed_out\":false");
            assertThat(journal.get(1)).contains("\"action\":\"start\"", "\"exit_code\":0");
            assertThat(String.join("\n", journal)).as("commands may carry credentials").doesNotContain("kill $(cat");
            try (var files = Files.list(commands)) {
                assertThat(files.filter(f -> f.toString().endsWith(".log")).map(f -> {
                    try {
                        return Files.readString(f).strip();
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }).sorted().toList()).containsExactly("starting", "stopping");
            }
            restartedPid = Long.parseLong(Files.readString(node2.pidFile()).trim());
            assertThat(restartedPid).isNotEqualTo(before);
            assertThat(alive(node2.pidFile())).isTrue();
        }
        assertThat(ProcessHandle.of(restartedPid).map(ProcessHandle::isAlive).orElse(false))
                .as("the member the start command started is stopped with its deployment").isFalse();
    }

    static boolean alive(Path pidFile) throws Exception {
        if (!Files.exists(pidFile)) {
            return false;
        }
        long pid = Long.parseLong(Files.readString(pidFile).trim());
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }
}
