package dev.mconats.reports.fleet;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.mconats.reports.ReportException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * The counters one injector writes for the fleet-wide merge ({@value #FILE}, next to its {@value HistogramLog#FILE}):
 * which shard it was, what its nodes did (live, handshakes, replies sent) and what its clients saw (replies
 * expected, received, missing, duplicates, and OK/KO per request name). Everything here adds up across shards.
 *
 * @param requests per Gatling request name: OK/KO counts and the tag of its histogram in the interval log
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ShardRecord(int version, String simulation, String target, int shard, int shards, long fleetSize,
                          long nodes, long maxLive, long handshakesOk, long handshakesFailed, long repliesSent,
                          long repliesExpected, long repliesReceived, long repliesMissing, long duplicateReplies,
                          long rssBaselineBytes, long rssSteadyBytes, Map<String, RequestCount> requests) {
    public static final String FILE = "fleet-record.json";
    public static final int VERSION = 1;

    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    public ShardRecord {
        requests = new TreeMap<>(requests == null ? Map.of() : requests);
    }

    /** OK/KO counts of one request name, and its histogram's tag in the interval log. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record RequestCount(long ok, long ko, String tag) {
    }

    public void write(Path dir) {
        try {
            Files.createDirectories(dir);
            Path tmp = dir.resolve(FILE + ".tmp");
            JSON.writeValue(tmp.toFile(), this);
            Files.move(tmp, dir.resolve(FILE), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new ReportException("cannot write " + dir.resolve(FILE) + ": " + e.getMessage(), e);
        }
    }

    public static ShardRecord read(Path dir) {
        Path f = dir.resolve(FILE);
        if (!Files.isRegularFile(f)) {
            throw new ReportException(f + ": not found (the injector did not finish)");
        }
        try {
            ShardRecord r = JSON.readValue(f.toFile(), ShardRecord.class);
            if (r.version() != VERSION) {
                throw new ReportException(f + ": record version " + r.version() + ", this merge reads version " + VERSION);
            }
            if (r.shards() < 1 || r.shard() < 0 || r.shard() >= r.shards()) {
                throw new ReportException(f + ": shard " + r.shard() + " of " + r.shards() + " is not a valid shard");
            }
            return r;
        } catch (IOException e) {
            String why = e instanceof com.fasterxml.jackson.core.JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
            throw new ReportException(f + ": unreadable: " + why, e);
        }
    }

    /** Histogram tag for a request name: the interval log format allows no spaces or commas in tags. */
    public static String tag(String requestName) {
        return requestName.replaceAll("[^A-Za-z0-9_.-]", "_");
    }
}
