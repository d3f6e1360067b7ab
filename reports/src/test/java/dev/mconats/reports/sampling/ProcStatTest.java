package dev.mconats.reports.sampling;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcStatTest {
    @TempDir
    Path tmp;

    @Test
    void utimePlusStimeCountedAfterACommandNameWithSpacesAndParentheses() throws Exception {
        Path stat = tmp.resolve("stat");
        Files.writeString(stat, "4242 (C2 Compiler) (x)) S 1 4242 4242 0 -1 4194560 100 0 0 0 37 5 0 0 20 0 30 0\n");
        assertThat(ProcStat.cpuTicks(stat)).isEqualTo(42);
    }

    @Test
    void aMissingOrGarbledFileIsMinusOne() throws Exception {
        assertThat(ProcStat.cpuTicks(tmp.resolve("gone"))).isEqualTo(-1);
        Path stat = tmp.resolve("stat");
        Files.writeString(stat, "4242 (short) S 1\n");
        assertThat(ProcStat.cpuTicks(stat)).isEqualTo(-1);
    }
}
