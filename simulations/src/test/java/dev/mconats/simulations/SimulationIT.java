package dev.mconats.simulations;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mconats.cluster.LocalDeployment;
import dev.mconats.cluster.LoopbackBlock;
import dev.mconats.pki.KeyType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs real Gatling simulations in a forked injector against a local nats-server and checks what they report. */
class SimulationIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void singleServerScalingHoldsItsClaimsAndWritesTheRunFolder(@TempDir Path dir) throws Exception {
        try (LocalDeployment d = LocalDeployment.builder(dir.resolve("dep")).size(1).addressPrefix(LoopbackBlock.free())
                .keyType(KeyType.EC_P256).start()) {
            Path run = dir.resolve("run");
            Injector.Result r = Injector.run(LoadRunner.class.getName(), List.of("SingleServerScaling", run.toString()),
                    Map.of("target", d.targetFile().toString(), "nodes", "30", "rounds", "2", "round-interval", "0.5",
                            "directed", "5", "ramp-rate", "100", "sample-interval-ms", "200", "connect-warmup", "6"),
                    dir.resolve("injector.log"));

            assertThat(r.exitCode()).as(r.output()).isZero();
            JsonNode s = JSON.readTree(run.resolve("load-summary.json").toFile());
            assertThat(s.at("/fleet/max_live").asInt()).isEqualTo(30);
            assertThat(s.at("/fleet/subscriptions_per_node").asInt()).isEqualTo(3);
            assertThat(s.at("/fleet/node_connect_timeout_ms").asLong()).isEqualTo(2000); // Choria's, as the nodes ran
            // six nodes connected to the injector's own endpoint first, none of them to the server
            assertThat(s.at("/connect_warmup/connections").asInt()).isEqualTo(6);
            assertThat(s.at("/connect_warmup/connected").asInt()).isEqualTo(6);
            assertThat(s.at("/requests/connect/ok").asInt()).isEqualTo(31); // 30 nodes + 1 client
            assertThat(s.at("/requests/discovery/ok").asInt()).isEqualTo(2);
            assertThat(s.at("/requests/discovery/ko").asInt()).isZero();
            assertThat(s.at("/requests/rpcutil ping (directed)/ok").asInt()).isEqualTo(2);
            assertThat(s.at("/requests/discovery (warm-up)/ok").asInt()).isEqualTo(1); // reported apart from the claims
            assertThat(s.at("/discovery/missing_replies").asInt()).isZero();
            // (1 warm-up + 2) discoveries x 30 nodes + 2 directed pings x 5 nodes
            assertThat(s.at("/fleet/replies_sent").asInt()).isEqualTo(100);
            assertThat(s.at("/injector_memory/settle_collections").asInt()).isPositive();
            assertThat(s.at("/gatling/assertions_passed").asBoolean()).isTrue();
            assertThat(s.at("/gatling/assertions")).hasSize(5);
            s.at("/gatling/assertions").forEach(a -> assertThat(a.asText()).contains(": true"));
            assertThat(run.resolve("gatling/index.html")).isRegularFile();
            List<String> samples = Files.readAllLines(run.resolve("samples.jsonl"));
            assertThat(samples).isNotEmpty();
            assertThat(samples.stream().map(this::tree).mapToInt(n -> n.at("/injector/live_nodes").asInt()).max().orElse(0))
                    .isEqualTo(30);
        }
    }

    @Test
    void aRunWhoseClaimFailsExitsWithOne(@TempDir Path dir) throws Exception {
        try (LocalDeployment d = LocalDeployment.builder(dir.resolve("dep")).size(1).addressPrefix(LoopbackBlock.free())
                .keyType(KeyType.EC_P256).start()) {
            Path run = dir.resolve("run");
            // a p99 bound of 1 ms cannot hold for a TLS fan-out: the run must report the claim as broken
            Injector.Result r = Injector.run(LoadRunner.class.getName(), List.of("SingleServerScaling", run.toString()),
                    Map.of("target", d.targetFile().toString(), "nodes", "20", "rounds", "1", "round-interval", "0.2",
                            "directed", "0", "p99-bound-ms", "1"), dir.resolve("injector.log"));
            assertThat(r.exitCode()).as(r.output()).isEqualTo(1);
            JsonNode s = JSON.readTree(run.resolve("load-summary.json").toFile());
            assertThat(s.at("/gatling/assertions_passed").asBoolean()).isFalse();
            assertThat(s.at("/requests/discovery/ok").asInt()).isEqualTo(1);
        }
    }

    @Test
    void badInputIsOneLineAndExitTwo(@TempDir Path dir) throws Exception {
        Path run = dir.resolve("run");
        Injector.Result r = Injector.run(LoadRunner.class.getName(), List.of("SingleServerScaling", run.toString()),
                Map.of("target", dir.resolve("missing.conf").toString()), dir.resolve("injector.log"));
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.output().strip()).startsWith("error: target file not found").doesNotContain("\tat ");
    }

    private JsonNode tree(String line) {
        try {
            return JSON.readTree(line);
        } catch (Exception e) {
            throw new AssertionError(line, e);
        }
    }
}
