package dev.mconats.reports.fleet;

import dev.mconats.reports.ReportException;
import dev.mconats.reports.RunFolder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToLongFunction;
import java.util.stream.Stream;
import org.HdrHistogram.Histogram;

/**
 * Fleet-wide figures of a sharded run: totals of the injectors' counters, percentiles of the merged histograms per
 * request name, the shards that left no record, and the verdict. Written into a run folder as
 * {@value #SUMMARY}, {@code run.json} entries, the injectors' own folders under {@code shards/<i>/}, and
 * {@code gatling/index.html}, a page linking each injector's Gatling report (the capacity report links it).
 */
public final class FleetResult {
    public static final String SUMMARY = "fleet-summary.json";

    private final int shardCount;
    private final long fleetSize;
    private final String simulation;
    private final String target;
    private final List<FleetMerge.Shard> shards;
    private final Map<String, Histogram> histograms;
    private final Map<String, ShardRecord.RequestCount> requests;

    FleetResult(int shardCount, long fleetSize, String simulation, String target, List<FleetMerge.Shard> shards,
                Map<String, Histogram> histograms, Map<String, ShardRecord.RequestCount> requests) {
        this.shardCount = shardCount;
        this.fleetSize = fleetSize;
        this.simulation = simulation;
        this.target = target;
        this.shards = List.copyOf(shards);
        this.histograms = histograms;
        this.requests = requests;
    }

    public int shardCount() {
        return shardCount;
    }

    public long fleetSize() {
        return fleetSize;
    }

    public String target() {
        return target;
    }

    public List<FleetMerge.Shard> shards() {
        return shards;
    }

    /** Shard indexes 0..k-1 without a readable record. */
    public List<Integer> missingShards() {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < shardCount; i++) {
            int s = i;
            if (shards.stream().noneMatch(x -> x.record().isPresent() && x.record().get().shard() == s)) {
                out.add(i);
            }
        }
        return out;
    }

    public long total(ToLongFunction<ShardRecord> counter) {
        return shards.stream().flatMap(s -> s.record().stream()).mapToLong(counter).sum();
    }

    /** The merged histogram of a request name (OK response times, ms). */
    public Optional<Histogram> histogram(String requestName) {
        return Optional.ofNullable(histograms.get(ShardRecord.tag(requestName)));
    }

    public Map<String, ShardRecord.RequestCount> requests() {
        return requests;
    }

    /** Every shard reported, every injector's assertions held, and the clients got every expected reply. */
    public boolean passed() {
        return missingShards().isEmpty() && shards.stream().allMatch(FleetMerge.Shard::assertionsPassed)
                && total(ShardRecord::repliesMissing) == 0 && total(ShardRecord::repliesReceived) == total(ShardRecord::repliesExpected)
                && total(ShardRecord::maxLive) == fleetSize;
    }

    /** The content of fleet-summary.json. */
    public Map<String, Object> summary() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("simulation", simulation);
        s.put("target", target);
        s.put("result", passed() ? "passed" : "failed");
        Map<String, Object> fleet = new LinkedHashMap<>();
        fleet.put("fleet_size", fleetSize);
        fleet.put("shards", shardCount);
        fleet.put("shards_reported", shardCount - missingShards().size());
        fleet.put("missing_shards", missingShards());
        fleet.put("nodes_live_max", total(ShardRecord::maxLive));
        fleet.put("handshakes_ok", total(ShardRecord::handshakesOk));
        fleet.put("handshakes_failed", total(ShardRecord::handshakesFailed));
        fleet.put("replies_sent_by_nodes", total(ShardRecord::repliesSent));
        fleet.put("injector_rss_steady_bytes", total(ShardRecord::rssSteadyBytes));
        s.put("fleet", fleet);
        Map<String, Object> replies = new LinkedHashMap<>();
        replies.put("expected", total(ShardRecord::repliesExpected));
        replies.put("received", total(ShardRecord::repliesReceived));
        replies.put("missing", total(ShardRecord::repliesMissing));
        replies.put("duplicates", total(ShardRecord::duplicateReplies));
        s.put("broadcast_replies", replies);
        Map<String, Object> req = new LinkedHashMap<>();
        requests.forEach((name, c) -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("count", c.ok() + c.ko());
            m.put("ok", c.ok());
            m.put("ko", c.ko());
            histogram(name).filter(h -> h.getTotalCount() > 0).ifPresent(h -> {
                m.put("min_ms", h.getMinValue());
                m.put("p50_ms", h.getValueAtPercentile(50));
                m.put("p95_ms", h.getValueAtPercentile(95));
                m.put("p99_ms", h.getValueAtPercentile(99));
                m.put("max_ms", h.getMaxValue());
                m.put("mean_ms", Math.round(h.getMean() * 10) / 10.0);
            });
            req.put(name, m);
        });
        s.put("requests", req);
        histogram("reply").filter(h -> h.getTotalCount() > 0).ifPresent(h -> s.put("reply_latency_ms", Map.of(
                "count", h.getTotalCount(), "p50", h.getValueAtPercentile(50), "p99", h.getValueAtPercentile(99), "max", h.getMaxValue())));
        List<Map<String, Object>> per = new ArrayList<>();
        for (FleetMerge.Shard sh : shards) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("shard", sh.index() == Integer.MAX_VALUE ? null : sh.index());
            m.put("folder", "shards/" + folderName(sh));
            sh.record().ifPresent(r -> {
                m.put("nodes", r.nodes());
                m.put("max_live", r.maxLive());
                m.put("handshakes_ok", r.handshakesOk());
                m.put("handshakes_failed", r.handshakesFailed());
                m.put("replies_sent", r.repliesSent());
                m.put("replies_expected", r.repliesExpected());
                m.put("replies_received", r.repliesReceived());
                m.put("rss_steady_bytes", r.rssSteadyBytes());
            });
            m.put("assertions_passed", sh.assertionsPassed());
            List<String> failedClaims = new ArrayList<>();
            sh.gatling().ifPresent(g -> g.path("assertions").forEach(a -> {
                if (a.asText().contains(" : false ")) {
                    failedClaims.add(a.asText());
                }
            }));
            if (!failedClaims.isEmpty()) {
                m.put("failed_assertions", failedClaims);
            }
            sh.gatlingReport().ifPresent(g -> m.put("gatling_report", "shards/" + folderName(sh) + "/" + g));
            if (sh.problem() != null) {
                m.put("problem", sh.problem());
            }
            per.add(m);
        }
        s.put("injectors", per);
        return s;
    }

    private static String folderName(FleetMerge.Shard s) {
        return s.record().map(r -> String.valueOf(r.shard())).orElse(s.dir().getFileName().toString());
    }

    /**
     * Writes the merged run into {@code run}: the injectors' folders are copied to {@code shards/<i>/} unless they
     * already are there, then fleet-summary.json, gatling/index.html and the run.json entries.
     */
    public void writeTo(RunFolder run) {
        try {
            for (FleetMerge.Shard s : shards) {
                Path to = run.dir().resolve("shards").resolve(folderName(s));
                if (!s.dir().toAbsolutePath().normalize().equals(to.toAbsolutePath().normalize())) {
                    copyTree(s.dir(), to);
                }
            }
            Map<String, Object> summary = summary();
            ShardRecord.JSON.writeValue(run.resolve(SUMMARY).toFile(), summary);
            List<Path> samples = shards.stream()
                    .sorted(java.util.Comparator.comparing(FleetResult::folderName))
                    .map(s -> run.dir().resolve("shards").resolve(folderName(s)).resolve("samples.jsonl")).toList();
            FleetSamples.merge(samples, run.resolve("samples.jsonl"));
            Path index = run.resolve("gatling/index.html");
            Files.createDirectories(index.getParent());
            Files.writeString(index, FleetPage.render(this, summary), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ReportException("cannot write the merged run into " + run.dir() + ": " + e.getMessage(), e);
        }
        Map<String, Object> fleet = new LinkedHashMap<>();
        fleet.put("nodes", fleetSize);
        fleet.put("injectors", shardCount);
        fleet.put("missing_shards", missingShards().size());
        fleet.put("nodes_live_max", total(ShardRecord::maxLive));
        fleet.put("missing_replies", total(ShardRecord::repliesMissing));
        histogram("discovery").filter(h -> h.getTotalCount() > 0).ifPresent(h -> {
            fleet.put("discovery_p50_ms", h.getValueAtPercentile(50));
            fleet.put("discovery_p99_ms", h.getValueAtPercentile(99));
        });
        run.put("target", target);
        run.put("simulation", simulation);
        run.put("fleet", fleet);
        run.put("result", passed() ? "passed" : "failed");
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path t = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.createDirectories(t.getParent());
                    Files.copy(p, t, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
