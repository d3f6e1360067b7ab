package dev.mconats.reports.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mconats.reports.ReportException;
import dev.mconats.reports.RunFolder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FleetMergeTest {

    /** Three injectors log random latencies in intervals; the merge must equal one histogram fed every value. */
    @Test
    void mergedPercentilesEqualThoseOfOneHistogramFedEveryValue(@TempDir Path dir) throws Exception {
        Histogram reference = HistogramLog.newHistogram();
        SplittableRandom random = new SplittableRandom(42);
        for (int shard = 0; shard < 3; shard++) {
            Path d = dir.resolve("shards/" + shard);
            try (HistogramLog log = HistogramLog.create(d, 1_700_000_000_000L + shard)) {
                for (int interval = 0; interval < 5; interval++) {
                    Histogram h = HistogramLog.newHistogram();
                    h.setStartTimeStamp(1_700_000_000_000L + interval * 5000L);
                    h.setEndTimeStamp(1_700_000_000_000L + (interval + 1) * 5000L);
                    // shards differ in their latency distribution, so a wrong merge (e.g. averaging percentiles) shows
                    for (int i = 0; i < 2000; i++) {
                        long v = 1 + (long) (Math.abs(random.nextGaussian()) * 300 * (shard + 1)) + (shard == 2 && i % 50 == 0 ? 9000 : 0);
                        h.recordValue(v);
                        reference.recordValue(v);
                    }
                    log.write(ShardRecord.tag("discovery"), h);
                }
            }
            record(shard, 3, 300, 100).write(d);
        }

        FleetResult r = FleetMerge.merge(List.of(dir.resolve("shards")));

        Histogram merged = r.histogram("discovery").orElseThrow();
        assertThat(merged.getTotalCount()).isEqualTo(reference.getTotalCount()).isEqualTo(30_000);
        for (double p : new double[] {0, 50, 90, 95, 99, 99.9, 100}) {
            assertThat(merged.getValueAtPercentile(p)).as("p%s", p).isEqualTo(reference.getValueAtPercentile(p));
        }
        assertThat(merged.getMaxValue()).isEqualTo(reference.getMaxValue());
        assertThat(r.missingShards()).isEmpty();
        assertThat(r.total(ShardRecord::maxLive)).isEqualTo(300);
        assertThat(r.requests().get("discovery").ok()).isEqualTo(3 * 2);
    }

    @Test
    void aShardWithoutRecordIsNamedMissingAndFailsTheRun(@TempDir Path dir) throws Exception {
        record(0, 2, 40, 20).write(dir.resolve("shards/0"));
        Files.createDirectories(dir.resolve("shards/1")); // the injector died before writing anything
        FleetResult r = FleetMerge.merge(List.of(dir.resolve("shards")));
        assertThat(r.missingShards()).containsExactly(1);
        assertThat(r.passed()).isFalse();
        assertThat(r.summary().get("injectors").toString()).contains("not found (the injector did not finish)");
    }

    @Test
    void writesTheMergedRunFolderWithLinksToEachInjectorsReport(@TempDir Path dir) throws Exception {
        for (int shard = 0; shard < 2; shard++) {
            Path d = dir.resolve("results/shards/" + shard);
            record(shard, 2, 40, 20).write(d);
            Files.createDirectories(d.resolve("gatling"));
            Files.writeString(d.resolve("gatling/index.html"), "<html>shard " + shard + "</html>");
            Files.writeString(d.resolve("load-summary.json"), "{\"gatling\":{\"exit_code\":0,\"assertions_passed\":true,\"report\":\"gatling\"}}");
        }
        FleetResult r = FleetMerge.merge(List.of(dir.resolve("results/shards/0"), dir.resolve("results/shards/1")));
        assertThat(r.passed()).isTrue();
        Path done;
        try (RunFolder run = RunFolder.open(dir.resolve("reports"), "fleet")) {
            r.writeTo(run);
            done = run.commit();
        }
        assertThat(done.resolve("shards/1/gatling/index.html")).hasContent("<html>shard 1</html>");
        assertThat(Files.readString(done.resolve("gatling/index.html"))).contains("href=\"../shards/0/gatling/index.html\"")
                .contains("href=\"../shards/1/gatling/index.html\"");
        String runJson = Files.readString(done.resolve("run.json"));
        assertThat(runJson).contains("\"missing_replies\" : 0").contains("\"result\" : \"passed\"");
        assertThat(done.resolve(FleetResult.SUMMARY)).isRegularFile();
    }

    @Test
    void recordsOfDifferentRunsAndEmptyFoldersAreOneLineErrors(@TempDir Path dir) throws Exception {
        record(0, 2, 40, 20).write(dir.resolve("a/0"));
        record(1, 3, 40, 20).write(dir.resolve("a/1"));
        assertThatThrownBy(() -> FleetMerge.merge(List.of(dir.resolve("a")))).isInstanceOf(ReportException.class)
                .hasMessageContaining("records of different runs");
        Files.createDirectories(dir.resolve("empty"));
        assertThatThrownBy(() -> FleetMerge.merge(List.of(dir.resolve("empty")))).isInstanceOf(ReportException.class)
                .hasMessageContaining("no injector records");
        assertThatThrownBy(() -> FleetMerge.merge(List.of(dir.resolve("nope")))).isInstanceOf(ReportException.class)
                .hasMessageContaining("no such folder");
    }

    /** A shard of a fleet of {@code fleet} nodes whose client got every expected reply of two discoveries. */
    private static ShardRecord record(int shard, int shards, long fleet, long nodes) {
        long expected = shard == 0 ? 2 * fleet : 0;
        return new ShardRecord(ShardRecord.VERSION, "FleetScaling", "t", shard, shards, fleet, nodes, nodes, nodes, 0,
                2 * nodes, expected, expected, 0, 0, 1, 2,
                Map.of("discovery", new ShardRecord.RequestCount(2, 0, ShardRecord.tag("discovery"))));
    }
}
