package dev.mconats.reports.progress;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProgressFileTest {
    @TempDir
    Path dir;

    static Progress record(long at, Phase phase, String detail, long live) {
        return new Progress(at, 0, 1, phase, detail, new Progress.Nodes(live, 40, live, 0), new Progress.Handshakes(live, 2, 12.5),
                new Progress.Discovery("discovery", 312, 40, 1, at), 3, 17, List.of(new Progress.ShardStatus(1, 20, 20, false)));
    }

    @Test
    void whatTheInjectorWritesTheFrontDoorReadsBack() {
        Path file = dir.resolve(ProgressFile.NAME);
        Progress p = record(1000, Phase.WARM_UP, "1 of 1", 40);
        try (ProgressFile.Writer w = ProgressFile.create(file)) {
            w.write(p);
        }
        assertThat(ProgressFile.read(file)).containsExactly(p);
        assertThat(p.phaseText()).isEqualTo("warm-up round 1 of 1");
    }

    @Test
    void aTailReturnsOnlyWholeNewLinesAndSkipsWhatIsNotARecord() throws Exception {
        Path file = dir.resolve(ProgressFile.NAME);
        ProgressFile.Tail tail = new ProgressFile.Tail(file);
        assertThat(tail.poll()).as("no file yet").isEmpty();
        try (ProgressFile.Writer w = ProgressFile.create(file)) {
            w.write(record(1000, Phase.CONNECTING, null, 10));
        }
        assertThat(tail.poll()).extracting(Progress::phase).containsExactly(Phase.CONNECTING);
        assertThat(tail.poll()).as("nothing new").isEmpty();

        String next = ProgressFile.JSON.writeValueAsString(record(2000, Phase.ROUNDS, "1 of 3", 40));
        Files.writeString(file, "not json\n" + next.substring(0, 30), StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        assertThat(tail.poll()).as("half a line is kept until its end arrives").isEmpty();
        Files.writeString(file, next.substring(30) + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        assertThat(tail.poll()).extracting(Progress::phaseText).containsExactly("round 1 of 3");
    }
}
