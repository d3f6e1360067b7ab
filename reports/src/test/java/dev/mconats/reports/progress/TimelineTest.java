package dev.mconats.reports.progress;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mconats.reports.RunFolder;
import dev.mconats.reports.run.RunInfo;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TimelineTest {
    @TempDir
    Path results;

    @Test
    void aMarkIsTakenWhenThePhaseOrItsDetailChangesAndTimeNeverRunsBackwards() {
        Timeline t = new Timeline();
        assertThat(t.mark(Phase.STARTING_SERVERS, null, 1_000)).isTrue();
        assertThat(t.observe(ProgressFileTest.record(5_000, Phase.CONNECTING, null, 0))).isTrue();
        assertThat(t.observe(ProgressFileTest.record(6_000, Phase.CONNECTING, null, 20))).as("same phase").isFalse();
        assertThat(t.observe(ProgressFileTest.record(7_000, Phase.ROUNDS, "1 of 2", 40))).isTrue();
        assertThat(t.observe(ProgressFileTest.record(8_000, Phase.ROUNDS, "2 of 2", 40))).isTrue();
        assertThat(t.mark(Phase.DONE, null, 7_500)).isTrue();
        assertThat(t.marks()).extracting(Timeline.Mark::text)
                .containsExactly("starting servers", "connecting", "round 1 of 2", "round 2 of 2", "done");
        assertThat(t.marks().get(4).atMillis()).isEqualTo(8_000);
        assertThat(t.marks().get(2).figures()).containsEntry("live", 40L).containsEntry("target", 40L)
                .containsEntry("handshakes", 40L).containsEntry("failed_handshakes", 2L).containsEntry("missing_replies", 3L);
    }

    @Test
    void theTimelineInRunJsonIsReadBackAndNotShownAsConfiguration() {
        Timeline t = new Timeline();
        t.mark(Phase.STARTING_INJECTOR, null, 1_000);
        t.observe(ProgressFileTest.record(2_500, Phase.CONNECTING, null, 0));
        t.mark(Phase.DONE, null, 9_000);
        Path done;
        try (RunFolder f = RunFolder.open(results, "load")) {
            f.put("target", "local").put(Timeline.KEY, t.toJson());
            done = f.commit();
        }
        RunInfo info = RunInfo.read(done);
        assertThat(info.timeline()).isEqualTo(t.marks());
        assertThat(info.config().keySet()).noneMatch(k -> k.startsWith("timeline"));
        assertThat(t.toJson().get(1)).containsEntry("phase", "connecting").containsEntry("offset_s", 1.5);
    }
}
