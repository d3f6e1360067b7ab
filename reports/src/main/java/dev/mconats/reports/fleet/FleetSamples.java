package dev.mconats.reports.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One {@code samples.jsonl} for a sharded run, so the capacity report can chart the whole fleet. Server figures come
 * from the first shard's samples (every shard samples the same servers, and shard 0 hosts the clients, so its
 * discovery latencies are the fleet's); injector live nodes, RSS and CPU are added up over all shards, each taken
 * from that shard's sample nearest in time (within {@link #MATCH_MS}).
 */
final class FleetSamples {
    static final long MATCH_MS = 5_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private FleetSamples() {
    }

    /** @param files samples.jsonl of each shard, the client shard first; missing files are skipped */
    static boolean merge(List<Path> files, Path out) throws IOException {
        List<List<JsonNode>> shards = new ArrayList<>();
        for (Path f : files) {
            if (Files.isRegularFile(f)) {
                shards.add(read(f));
            }
        }
        if (shards.isEmpty() || shards.get(0).isEmpty()) {
            return false;
        }
        try (BufferedWriter w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            for (JsonNode line : shards.get(0)) {
                ObjectNode merged = line.deepCopy();
                JsonNode inj = merged.path("injector");
                if (inj instanceof ObjectNode injector && !injector.has("error")) {
                    long epoch = line.path("epoch_ms").asLong();
                    long live = injector.path("live_nodes").asLong();
                    long rss = injector.path("rss_bytes").asLong();
                    double cpu = injector.path("cpu_percent").asDouble();
                    int sampled = 1;
                    for (int s = 1; s < shards.size(); s++) {
                        JsonNode other = nearest(shards.get(s), epoch);
                        if (other != null && !other.path("injector").has("error")) {
                            live += other.path("injector").path("live_nodes").asLong();
                            rss += other.path("injector").path("rss_bytes").asLong();
                            cpu += other.path("injector").path("cpu_percent").asDouble();
                            sampled++;
                        }
                    }
                    injector.put("live_nodes", live);
                    injector.put("rss_bytes", rss);
                    injector.put("cpu_percent", cpu);
                    injector.put("shards_sampled", sampled);
                }
                w.write(JSON.writeValueAsString(merged));
                w.write('\n');
            }
        }
        return true;
    }

    private static JsonNode nearest(List<JsonNode> lines, long epoch) {
        JsonNode best = null;
        long bestGap = Long.MAX_VALUE;
        for (JsonNode l : lines) {
            long gap = Math.abs(l.path("epoch_ms").asLong() - epoch);
            if (gap < bestGap) {
                best = l;
                bestGap = gap;
            }
        }
        return bestGap <= MATCH_MS ? best : null;
    }

    private static List<JsonNode> read(Path f) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        for (String s : Files.readAllLines(f, StandardCharsets.UTF_8)) {
            if (s.isBlank()) {
                continue;
            }
            try {
                out.add(JSON.readTree(s));
            } catch (IOException cutOff) {
                // a sampler killed mid-line leaves one partial last line: skip it, as the report's reader does
            }
        }
        return out;
    }
}
