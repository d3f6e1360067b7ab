package dev.mconats.cli.progress;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mconats.reports.progress.Phase;
import dev.mconats.reports.progress.Progress;
import dev.mconats.reports.progress.ProgressFile;
import dev.mconats.reports.progress.Timeline;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProgressWatchTest {
    @TempDir
    Path dir;

    private static Progress shard(int shard, long at, Phase phase, String detail, long live, long target, long ok, long eta) {
        return new Progress(at, shard, 2, phase, detail, new Progress.Nodes(live, target, live, 0), new Progress.Handshakes(ok, shard, 10),
                shard == 0 ? new Progress.Discovery("discovery", 250, 40, 1, at) : null, shard == 0 ? 1 : 0, eta, List.of());
    }

    @Test
    void theShardsOfAFleetAddUpUnderTheClientShardsPhaseWithALinePerShard() {
        long now = System.currentTimeMillis();
        Path f0 = dir.resolve("0/" + ProgressFile.NAME);
        Path f1 = dir.resolve("1/" + ProgressFile.NAME);
        StringWriter out = new StringWriter();
        LineView view = new LineView(new PrintWriter(out, true), new PrintWriter(new StringWriter(), true), 60_000);
        try (ProgressWatch w = new ProgressWatch("fleet", view);
             ProgressFile.Writer w0 = ProgressFile.create(f0); ProgressFile.Writer w1 = ProgressFile.create(f1)) {
            w.phase(Phase.STARTING_INJECTOR);
            w.follow(List.of(f0, f1));
            w0.write(shard(0, now + 1000, Phase.CONNECTING, null, 10, 20, 11, 30));
            w1.write(shard(1, now + 1000, Phase.CONNECTING, null, 5, 20, 5, 40));
            w.refresh();
            w0.write(shard(0, now + 2000, Phase.ROUNDS, "1 of 2", 20, 20, 21, 10));
            w1.write(shard(1, now + 2000, Phase.SERVING, null, 20, 20, 20, Progress.UNKNOWN));
            w.refresh();
            Board b = w.board(now + 2000);
            assertThat(b.lines().get(0).replaceFirst("^fleet: \\d:\\d\\d ", "fleet: 0:02 ")).isEqualTo(
                    "fleet: 0:02 round 1 of 2 | 40/40 nodes live | handshakes 41, 1 failed | last discovery 250 ms, 1 missing | ~0:10 left");
            assertThat(b.lines().subList(1, 3)).containsExactly(
                    "  shard 0 | round 1 of 2 | 20/20 live | handshakes 21, 0 failed",
                    "  shard 1 | serving | 20/20 live | handshakes 20, 1 failed");
            assertThat(b.compact()).endsWith(" | shards 0: 20/20, 1: 20/20");
            w.phase(Phase.REPORT);
            w.finish();
            assertThat(w.timeline().marks()).extracting(Timeline.Mark::text)
                    .containsExactly("starting injector", "connecting", "round 1 of 2", "report", "done");
        }
        assertThat(out.toString().lines()).last().asString()
                .matches("fleet: \\d:\\d\\d done \\| 40/40 nodes were live at most \\| handshakes 41, 1 failed \\| missing replies 1");
        // the estimate is the longest any shard gives; a shard that cannot say is left out
        assertThat(ProgressWatch.aggregate(List.of(shard(0, now, Phase.CONNECTING, null, 1, 2, 1, 30),
                shard(1, now, Phase.CONNECTING, null, 1, 2, 1, 45))).etaSeconds()).isEqualTo(45);
    }

    @Test
    void linesTheCommandPrintsMeanwhileGoThroughTheView() {
        StringWriter out = new StringWriter();
        TerminalView view = new TerminalView(new PrintWriter(out, true), new PrintWriter(new StringWriter(), true), 0);
        try (ProgressWatch w = new ProgressWatch("load", view)) {
            w.phase(Phase.STARTING_SERVERS);
            w.out().println("load: started a fresh server");
        }
        assertThat(out.toString()).contains("\r\u001b[Jload: started a fresh server\n\u001b[?7lload: 0:00 starting servers");
    }
}
