package dev.mconats.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunFolderTest {
    @TempDir
    Path reports;

    @Test
    void committedRunAppearsWithRunJson() throws Exception {
        Path done;
        try (RunFolder f = RunFolder.open(reports, "conformance")) {
            Files.writeString(f.resolve("x.txt"), "hi");
            assertThat(f.finalDir()).doesNotExist();
            f.put("target", "local");
            done = f.commit();
        }
        assertThat(done.resolve("x.txt")).hasContent("hi");
        assertThat(Files.readString(done.resolve("run.json"))).contains("\"kind\" : \"conformance\"", "\"target\" : \"local\"", "\"finished\"");
    }

    @Test
    void failedRunLeavesNothing() throws Exception {
        Path partial;
        try (RunFolder f = RunFolder.open(reports, "load")) {
            partial = f.dir();
            Files.writeString(f.resolve("half.html"), "<html>");
        }
        assertThat(partial).doesNotExist();
        try (var s = Files.list(reports.resolve("runs"))) {
            assertThat(s.toList()).isEmpty();
        }
    }

    @Test
    void idsAreUnique() {
        try (RunFolder a = RunFolder.open(reports, "x"); RunFolder b = RunFolder.open(reports, "x")) {
            assertThat(a.id()).isNotEqualTo(b.id());
        }
    }
}
