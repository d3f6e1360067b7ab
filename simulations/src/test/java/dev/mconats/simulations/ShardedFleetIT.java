package dev.mconats.simulations;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mconats.cluster.LocalDeployment;
import dev.mconats.cluster.LoopbackBlock;
import dev.mconats.pki.KeyType;
import dev.mconats.reports.RunFolder;
import dev.mconats.reports.fleet.FleetMerge;
import dev.mconats.reports.fleet.FleetResult;
import dev.mconats.reports.fleet.ShardRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two injector processes, each simulating half of one 40-node fleet on a real 3-node cluster; the clients live in
 * shard 0 and must count every node of both shards exactly once; the merge must add the shards up.
 */
class ShardedFleetIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void twoInjectorsFormOneFleetAndTheMergeCountsEveryReplyOnce(@TempDir Path dir) throws Exception {
        try (LocalDeployment d = LocalDeployment.builder(dir.resolve("dep")).size(3).addressPrefix(LoopbackBlock.free())
                .keyType(KeyType.EC_P256).start()) {
            List<CompletableFuture<Injector.Result>> injectors = new ArrayList<>();
            // not the common pool: on 2 cores it runs one task at a time, and the shards must run together
            var parallel = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor();
            for (int shard = 0; shard < 2; shard++) {
                Map<String, String> p = new HashMap<>(Map.of("target", d.targetFile().toString(), "nodes", "40",
                        "shards", "2", "shard", String.valueOf(shard), "rounds", "2", "round-interval", "0.5",
                        "directed", "5", "ramp-rate", "40", "fleet-run", "it-" + ProcessHandle.current().pid(),
                        "fleet-ready-timeout", "30"));
                Path out = dir.resolve("shards/" + shard);
                injectors.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        return Injector.run(LoadRunner.class.getName(), List.of("FleetScaling", out.toString()), p,
                                Path.of("target", "sharded-fleet-it", "injector-" + out.getFileName() + ".log"));
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }, parallel));
            }
            List<Injector.Result> results = injectors.stream().map(CompletableFuture::join).toList();
            String logs = "shard 0:\n" + tail(results.get(0).output()) + "\nshard 1:\n" + tail(results.get(1).output());
            assertThat(results).as(logs).allMatch(r -> r.exitCode() == 0);

            FleetResult merged = FleetMerge.merge(List.of(dir.resolve("shards")));

            assertThat(merged.missingShards()).isEmpty();
            assertThat(merged.total(ShardRecord::maxLive)).isEqualTo(40);
            // 3 clients (one per server) x (1 warm-up + 2) rounds, each discovery expecting all 40 nodes of both shards
            assertThat(merged.total(ShardRecord::repliesExpected)).isEqualTo(3 * 3 * 40);
            assertThat(merged.total(ShardRecord::repliesReceived)).isEqualTo(3 * 3 * 40);
            assertThat(merged.total(ShardRecord::repliesMissing)).isZero();
            assertThat(merged.total(ShardRecord::duplicateReplies)).isZero();
            // what the nodes of both shards sent = what the clients counted: 360 discovery + 6 x 5 directed replies
            assertThat(merged.total(ShardRecord::repliesSent)).isEqualTo(360 + 30);
            ShardRecord nodeShard = merged.shards().get(1).record().orElseThrow();
            assertThat(nodeShard.nodes()).isEqualTo(20);
            assertThat(nodeShard.repliesSent()).isGreaterThanOrEqualTo(9 * 20); // its nodes answered every discovery
            assertThat(nodeShard.repliesExpected()).isZero(); // no clients there
            assertThat(merged.histogram("discovery").orElseThrow().getTotalCount()).isEqualTo(6);
            assertThat(merged.requests().get("connect").ok()).isEqualTo(40 + 3);
            assertThat(merged.passed()).isTrue();

            Path done;
            try (RunFolder run = RunFolder.open(dir.resolve("reports"), "fleet")) {
                merged.writeTo(run);
                done = run.commit();
            }
            JsonNode s = JSON.readTree(done.resolve(FleetResult.SUMMARY).toFile());
            assertThat(s.at("/broadcast_replies/missing").asInt()).isZero();
            assertThat(s.at("/requests/discovery/ok").asInt()).isEqualTo(6);
            assertThat(done.resolve("shards/0/gatling/index.html")).isRegularFile();
            assertThat(done.resolve("shards/1/gatling/index.html")).isRegularFile();
        }
    }

    private static String tail(String log) {
        return log.length() <= 6000 ? log : log.substring(log.length() - 6000);
    }

    /** Shard 1 never comes: shard 0's barrier and discovery end at their deadlines with counts, and the merge names it. */
    @Test
    void aMissingShardIsAKoWithCountsNotAHang(@TempDir Path dir) throws Exception {
        try (LocalDeployment d = LocalDeployment.builder(dir.resolve("dep")).size(3).addressPrefix(LoopbackBlock.free())
                .keyType(KeyType.EC_P256).start()) {
            Path out = dir.resolve("shards/0");
            Files.createDirectories(dir.resolve("shards/1")); // the pod that never started
            Injector.Result r = Injector.run(LoadRunner.class.getName(), List.of("FleetScaling", out.toString()),
                    Map.ofEntries(Map.entry("target", d.targetFile().toString()), Map.entry("nodes", "40"), Map.entry("shards", "2"),
                            Map.entry("shard", "0"), Map.entry("clients", "1"), Map.entry("rounds", "1"),
                            Map.entry("round-interval", "0.2"), Map.entry("directed", "0"), Map.entry("fleet-ready-timeout", "4"),
                            Map.entry("discovery-timeout", "2"), Map.entry("fleet-run", "it-missing-" + ProcessHandle.current().pid())),
                    Path.of("target", "sharded-fleet-it", "injector-missing-shard.log"));

            assertThat(r.exitCode()).as(tail(r.output())).isEqualTo(1);
            JsonNode s = JSON.readTree(out.resolve("load-summary.json").toFile());
            assertThat(s.at("/requests/fleet ready/ko").asInt()).isEqualTo(1);
            assertThat(s.at("/requests/discovery/ko").asInt()).isEqualTo(1);
            assertThat(s.at("/requests/discovery (warm-up)/ko").asInt()).isEqualTo(1);
            assertThat(r.output()).contains("20 of 40 nodes live (shard 0: 20 of 20, shard 1: no status)").contains("got 20 of 40");

            FleetResult merged = FleetMerge.merge(List.of(dir.resolve("shards")));
            assertThat(merged.missingShards()).containsExactly(1);
            assertThat(merged.total(ShardRecord::repliesMissing)).isEqualTo(2 * 20); // warm-up and measured round
            assertThat(merged.passed()).isFalse();
        }
    }
}
