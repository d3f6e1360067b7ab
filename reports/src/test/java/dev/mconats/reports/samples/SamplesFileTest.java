package dev.mconats.reports.samples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SamplesFileTest {
    @TempDir
    Path tmp;

    @Test
    void readsEverySampleAndSkipsATruncatedLastLine() throws Exception {
        SyntheticRun run = new SyntheticRun();
        Path f = run.write(tmp.resolve("samples.jsonl"));
        Files.writeString(f, "{\"v\":1,\"elapsed_s\":121.0,\"servers\":[{\"name\":\"na", StandardOpenOption.APPEND);
        SampleSeries s = SamplesFile.read(f);
        assertThat(s.samples()).hasSize(run.rampSamples + run.holdSamples);
        assertThat(s.malformedLines()).isEqualTo(1);
        assertThat(s.serverNames()).containsExactly("nats1.example.net", "nats2.example.net", "nats3.example.net");
        assertThat(s.versions()).containsExactly("2.9.10");
        assertThat(s.peakNodes()).isEqualTo(3000);
        ServerSample first = s.samples().get(0).servers().get(0);
        assertThat(first.connections()).isEqualTo(16);
        assertThat(first.routes()).hasSize(2);
        assertThat(first.maxRoutePending()).isZero();
    }

    @Test
    void unknownFieldsAndNestingAreSkippedAndAnythingElseIsNotASample() throws Exception {
        Sample s = SamplesFile.parse("{\"v\":1,\"extra\":{\"a\":[1,{\"b\":2}]},\"elapsed_s\":2.5,\"epoch_ms\":1000,"
                + "\"servers\":[{\"name\":\"n1\",\"connections\":7,\"cpu\":1.5,\"tags\":[\"x\"],\"routes\":[{\"remote_id\":\"R\","
                + "\"pending_size\":9}],\"process\":{\"pid\":42,\"open_files_limit\":20000,\"open_files\":19,\"source\":\"target file\"}}]}");
        assertThat(s.elapsedSeconds()).isEqualTo(2.5);
        assertThat(s.time()).isEqualTo(java.time.Instant.ofEpochMilli(1000));
        assertThat(s.injector()).isEqualTo(InjectorSample.ABSENT);
        ServerSample v = s.servers().get(0);
        assertThat(v.connections()).isEqualTo(7);
        assertThat(v.cpu()).isEqualTo(1.5);
        assertThat(v.mem()).isEqualTo(-1);
        assertThat(v.routes()).singleElement().satisfies(r -> {
            assertThat(r.remoteId()).isEqualTo("R");
            assertThat(r.pendingSize()).isEqualTo(9);
        });
        assertThat(v.process()).isEqualTo(new ProcessSample(42, 20000, 19, "target file"));
        for (String bad : List.of("[1,2]", "{\"elapsed_s\":1}", "{\"servers\":[]}", "{\"elapsed_s\":1,\"servers\":[{\"name\":")) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> SamplesFile.parse(bad)).as(bad)
                    .isInstanceOfAny(IllegalArgumentException.class, java.io.IOException.class);
        }
    }

    @Test
    void aMissingFileIsAnEmptySeries() {
        assertThat(SamplesFile.read(tmp.resolve("nope.jsonl")).isEmpty()).isTrue();
    }

    @Test
    void nullFiguresStayUnknownNotZero() throws Exception {
        Path f = tmp.resolve("s.jsonl");
        Files.writeString(f, "{\"v\":1,\"time\":\"2026-01-01T00:00:00Z\",\"elapsed_s\":0,\"injector\":{\"live_nodes\":null,"
                + "\"rss_bytes\":5,\"cpu_percent\":null},\"servers\":[{\"name\":\"a\",\"error\":\"connection refused\"}]}\n");
        Sample s = SamplesFile.read(f).samples().get(0);
        assertThat(s.injector().liveNodes()).isEqualTo(-1);
        assertThat(s.injector().cpuPercent()).isNaN();
        assertThat(s.servers().get(0).ok()).isFalse();
        assertThat(s.servers().get(0).connections()).isEqualTo(-1);
        assertThat(s.totalConnections()).isZero();
    }

    @Test
    void aServerThatDiedShowsAsAGapUntilTheEnd() {
        SyntheticRun run = new SyntheticRun();
        run.deadServer = 1;
        run.deadFrom = 100;
        List<Gap> gaps = MissingSamples.of(run.series());
        assertThat(gaps).singleElement().satisfies(g -> {
            assertThat(g.who()).isEqualTo("nats2.example.net");
            assertThat(g.samples()).isEqualTo(20);
            assertThat(g.fromS()).isEqualTo(100.0);
            assertThat(g.toS()).isEqualTo(119.0);
            assertThat(g.recovered()).isFalse();
            assertThat(g.reasons()).containsExactly("connection refused");
        });
        assertThat(MissingSamples.failedServerSamples(run.series())).isEqualTo(20);
    }

    @Test
    void aStarvedSamplerShowsAsAGap() {
        List<String> lines = new SyntheticRun().lines();
        lines.subList(30, 40).clear();
        SampleSeries s = new SampleSeries(lines.stream().map(l -> {
            try {
                return SamplesFile.parse(l);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }).toList(), 0);
        assertThat(MissingSamples.of(s)).singleElement().satisfies(g -> {
            assertThat(g.who()).isEqualTo("sampler");
            assertThat(g.samples()).isEqualTo(10);
            assertThat(g.fromS()).isEqualTo(29.0);
            assertThat(g.toS()).isEqualTo(40.0);
        });
    }
}
