package dev.mconats.reports.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FleetSamplesTest {
    @TempDir
    Path tmp;

    static String line(long epoch, long live, long rss, double cpu, double p99, int connections) {
        return "{\"v\":1,\"epoch_ms\":" + epoch + ",\"elapsed_s\":0,\"injector\":{\"live_nodes\":" + live + ",\"rss_bytes\":" + rss
                + ",\"cpu_percent\":" + cpu + ",\"discovery_p50_ms\":1,\"discovery_p99_ms\":" + p99 + ",\"discovery_replies_missing\":0},"
                + "\"servers\":[{\"name\":\"nats1\",\"connections\":" + connections + "}]}";
    }

    @Test
    void injectorFiguresAddUpServerFiguresAndLatencyComeFromTheClientShard() throws Exception {
        Path s0 = Files.writeString(tmp.resolve("s0.jsonl"), line(1000, 10, 100, 5, 42, 30) + "\n" + line(2000, 20, 200, 6, 43, 60) + "\n{\"cut");
        Path s1 = Files.writeString(tmp.resolve("s1.jsonl"), line(1100, 15, 150, 7, 999, 30) + "\n" + line(2100, 25, 250, 8, 999, 60) + "\n");
        Path out = tmp.resolve("merged.jsonl");
        assertThat(FleetSamples.merge(List.of(s0, s1, tmp.resolve("absent.jsonl")), out)).isTrue();
        List<String> lines = Files.readAllLines(out);
        assertThat(lines).hasSize(2);
        JsonNode second = new ObjectMapper().readTree(lines.get(1));
        assertThat(second.path("injector").path("live_nodes").asLong()).isEqualTo(45);
        assertThat(second.path("injector").path("rss_bytes").asLong()).isEqualTo(450);
        assertThat(second.path("injector").path("cpu_percent").asDouble()).isEqualTo(14.0);
        assertThat(second.path("injector").path("shards_sampled").asInt()).isEqualTo(2);
        assertThat(second.path("injector").path("discovery_p99_ms").asDouble()).isEqualTo(43.0);
        assertThat(second.path("servers").get(0).path("connections").asInt()).isEqualTo(60);
    }

    @Test
    void aShardWithoutANearbySampleIsNotCounted() throws Exception {
        Path s0 = Files.writeString(tmp.resolve("s0.jsonl"), line(1000, 10, 100, 5, 42, 30) + "\n");
        Path s1 = Files.writeString(tmp.resolve("s1.jsonl"), line(1000 + FleetSamples.MATCH_MS + 1, 15, 150, 7, 1, 30) + "\n");
        Path out = tmp.resolve("merged.jsonl");
        FleetSamples.merge(List.of(s0, s1), out);
        JsonNode only = new ObjectMapper().readTree(Files.readAllLines(out).get(0));
        assertThat(only.path("injector").path("live_nodes").asLong()).isEqualTo(10);
        assertThat(only.path("injector").path("shards_sampled").asInt()).isEqualTo(1);
    }

    @Test
    void noSamplesNoFile() throws Exception {
        Path out = tmp.resolve("merged.jsonl");
        assertThat(FleetSamples.merge(List.of(tmp.resolve("none.jsonl")), out)).isFalse();
        assertThat(out).doesNotExist();
    }
}
