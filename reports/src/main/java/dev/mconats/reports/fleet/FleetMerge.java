package dev.mconats.reports.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mconats.reports.ReportException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.HdrHistogram.Histogram;

/**
 * Merges the records of the injectors of one sharded run (one folder per injector, each with
 * {@value ShardRecord#FILE} and {@value HistogramLog#FILE}) into fleet-wide figures: counters add up, histograms of
 * the same request name add up (so percentiles are those of one histogram fed every value), and shards that left no
 * record are named as missing instead of silently shrinking the fleet.
 */
public final class FleetMerge {
    private FleetMerge() {
    }

    /** One injector's folder as found: its record, or why there is none. */
    public record Shard(Path dir, int index, Optional<ShardRecord> record, Optional<JsonNode> gatling, String problem) {
        /** Gatling's verdict for this injector: true only when it ran and every assertion held. */
        public boolean assertionsPassed() {
            return gatling.map(g -> g.path("assertions_passed").asBoolean(false)).orElse(false);
        }

        /** Relative path of this injector's Gatling report inside its folder, if it wrote one. */
        public Optional<String> gatlingReport() {
            return gatling.map(g -> g.path("report").asText(null)).filter(r -> r != null && !r.isEmpty())
                    .map(r -> r + "/index.html").filter(r -> Files.isRegularFile(dir.resolve(r)));
        }
    }

    /**
     * Reads the shard folders named in {@code inputs}: a folder holding a record is one shard; any other folder
     * stands for its immediate sub-folders (e.g. {@code shards/}). Fails in one line when nothing is there at all or
     * the records do not belong to one run.
     */
    public static FleetResult merge(List<Path> inputs) {
        List<Path> dirs = new ArrayList<>();
        for (Path in : inputs) {
            if (!Files.isDirectory(in)) {
                throw new ReportException(in + ": no such folder");
            }
            if (Files.isRegularFile(in.resolve(ShardRecord.FILE))) {
                dirs.add(in);
            } else {
                try (Stream<Path> children = Files.list(in)) {
                    children.filter(Files::isDirectory).filter(d -> !d.getFileName().toString().startsWith("."))
                            .sorted().forEach(dirs::add);
                } catch (IOException e) {
                    throw new ReportException(in + ": cannot list: " + e.getMessage(), e);
                }
            }
        }
        List<Shard> shards = new ArrayList<>();
        for (Path d : dirs) {
            shards.add(read(d));
        }
        List<ShardRecord> records = shards.stream().flatMap(s -> s.record().stream()).toList();
        if (records.isEmpty()) {
            throw new ReportException("no injector records (" + ShardRecord.FILE + ") in " + inputs
                    + (shards.isEmpty() ? "" : ": " + shards.get(0).problem()));
        }
        ShardRecord first = records.get(0);
        Map<Integer, Path> seen = new TreeMap<>();
        for (Shard s : shards) {
            if (s.record().isEmpty()) {
                continue;
            }
            ShardRecord r = s.record().get();
            if (r.shards() != first.shards() || r.fleetSize() != first.fleetSize()) {
                throw new ReportException("records of different runs: " + s.dir() + " is shard " + r.shard() + " of " + r.shards()
                        + " (fleet " + r.fleetSize() + "), " + shards.get(0).dir() + " of " + first.shards() + " (fleet " + first.fleetSize() + ")");
            }
            Path before = seen.put(r.shard(), s.dir());
            if (before != null) {
                throw new ReportException("shard " + r.shard() + " recorded twice: " + before + " and " + s.dir());
            }
        }
        shards.sort(Comparator.comparingInt(Shard::index));
        return new FleetResult(first.shards(), first.fleetSize(), first.simulation(), first.target(), shards,
                mergeHistograms(shards), mergeCounts(records));
    }

    static Shard read(Path dir) {
        int byName = parseIndex(dir.getFileName().toString());
        ShardRecord record;
        try {
            record = ShardRecord.read(dir);
        } catch (ReportException e) {
            return new Shard(dir, byName, Optional.empty(), Optional.empty(), e.getMessage());
        }
        Optional<JsonNode> gatling = Optional.empty();
        Path summary = dir.resolve("load-summary.json");
        if (Files.isRegularFile(summary)) {
            try {
                JsonNode g = ShardRecord.JSON.readTree(summary.toFile()).get("gatling");
                gatling = Optional.ofNullable(g).filter(JsonNode::isObject);
            } catch (IOException e) {
                // the verdict is then unknown, which counts as not passed
            }
        }
        return new Shard(dir, record.shard(), Optional.of(record), gatling, null);
    }

    private static int parseIndex(String name) {
        String digits = name.replaceAll("\\D", "");
        try {
            return digits.isEmpty() ? Integer.MAX_VALUE : Integer.parseInt(digits);
        } catch (NumberFormatException e) {
            return Integer.MAX_VALUE;
        }
    }

    private static Map<String, Histogram> mergeHistograms(List<Shard> shards) {
        Map<String, Histogram> out = new TreeMap<>();
        for (Shard s : shards) {
            if (s.record().isEmpty()) {
                continue;
            }
            HistogramLog.read(s.dir()).forEach((tag, h) -> out.computeIfAbsent(tag, t -> HistogramLog.newHistogram()).add(h));
        }
        return out;
    }

    private static Map<String, ShardRecord.RequestCount> mergeCounts(List<ShardRecord> records) {
        Map<String, ShardRecord.RequestCount> out = new LinkedHashMap<>();
        for (ShardRecord r : records) {
            r.requests().forEach((name, c) -> out.merge(name, c,
                    (a, b) -> new ShardRecord.RequestCount(a.ok() + b.ok(), a.ko() + b.ko(), a.tag())));
        }
        return new TreeMap<>(out);
    }
}
