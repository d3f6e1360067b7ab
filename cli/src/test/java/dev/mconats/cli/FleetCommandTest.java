package dev.mconats.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input to fleet and merge: one line naming the problem, exit 2, no run folder; nothing is started. */
class FleetCommandTest {
    @TempDir
    Path dir;

    private static String stderrOf(Runnable r) {
        PrintStream old = System.err;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setErr(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            r.run();
        } finally {
            System.setErr(old);
        }
        return buf.toString(StandardCharsets.UTF_8);
    }

    private String fails(String... args) {
        int[] rc = new int[1];
        String err = stderrOf(() -> rc[0] = Main.run(args));
        assertThat(rc[0]).as(err).isEqualTo(Main.USAGE_OR_ENVIRONMENT);
        assertThat(err.strip()).startsWith("error: ").doesNotContain("\n").doesNotContain("Exception");
        return err.strip();
    }

    @Test
    void tooManyNodesPerInjectorNamesTheInjectorsNeeded() {
        assertThat(fails("fleet", "--injectors", "2", "--nodes", "50000", "--results-dir", dir.toString()))
                .isEqualTo("error: --nodes: 50000 over 2 injectors is 25000 per injector; one injector holds at most 19500 "
                        + "(20,000 open files per process): use --injectors 3 or more");
        assertThat(dir.resolve("runs")).doesNotExist();
    }

    @Test
    void aShardOutsideTheInjectorsOrWithoutOutputIsRefused() {
        Path target = dir.resolve("t.conf");
        assertThat(fails("fleet", "--shard", "3", "--injectors", "3", "--target", dir.resolve("missing.conf").toString()))
                .contains("--target: file not found");
        try {
            Files.writeString(target, "target { }");
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
        assertThat(fails("fleet", "--shard", "3", "--injectors", "3", "--target", target.toString(), "--output", dir.toString()))
                .isEqualTo("error: --shard: 3 is not below --injectors 3");
        assertThat(fails("fleet", "--shard", "0", "--injectors", "3", "--target", target.toString()))
                .isEqualTo("error: --shard needs --output (the folder for this shard's record)");
    }

    @Test
    void mergeOfNothingIsOneLine() throws Exception {
        Files.createDirectories(dir.resolve("shards/0"));
        assertThat(fails("merge", dir.resolve("shards").toString(), "--results-dir", dir.resolve("reports").toString()))
                .startsWith("error: no injector records (fleet-record.json) in ");
        assertThat(fails("merge", dir.resolve("nope").toString())).isEqualTo("error: " + dir.resolve("nope") + ": no such folder");
        assertThat(dir.resolve("results/runs")).doesNotExist();
    }
}
