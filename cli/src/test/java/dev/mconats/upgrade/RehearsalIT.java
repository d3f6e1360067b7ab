package dev.mconats.upgrade;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mconats.cli.Main;
import dev.mconats.cluster.ProcessLauncher;
import dev.mconats.cluster.ProcessRegistry;
import dev.mconats.cluster.ServerLauncher;
import dev.mconats.containers.ContainerLauncher;
import dev.mconats.pki.KeyType;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real rehearsal between two deployments where only one binary exists: B differs by one config line
 * ({@code max_connections: 100}), which the conformance suite must flag as B's regression, with the load on both
 * sides compared. Side A runs in containers where a Docker API is available (CI starts podman), else as processes.
 */
class RehearsalIT {
    @TempDir
    Path tmp;

    @Test
    void bWithATooSmallConnectionLimitIsNotSafe() throws Exception {
        ServerLauncher a = ContainerLauncher.available()
                ? new ContainerLauncher(System.getenv().getOrDefault("MCO_NATS_IMAGE", ContainerLauncher.DEFAULT_IMAGE))
                : new ProcessLauncher();
        if ("true".equals(System.getenv("MCO_NATS_REQUIRE_CONTAINERS"))) {
            assertThat(a).as("CI promised a Docker API").isInstanceOf(ContainerLauncher.class);
        }
        Path reports = tmp.resolve("reports");
        StringWriter log = new StringWriter();
        Rehearsal r = new Rehearsal(tmp.resolve("work"), reports, 30, KeyType.EC_P256,
                args -> Main.run(args.toArray(String[]::new)), new PrintWriter(log, true));
        Rehearsal.Outcome o = r.run(new Side("A", a, List.of()), new Side("B", new ProcessLauncher(), List.of("max_connections: 100")));

        // monitor/limits on each of B's 3 nodes, and srv/load-spread: a third of the fleet per node is more than 100
        assertThat(o.verdict()).startsWith("NOT SAFE: B fails 4 conformance result(s) that A passes");
        assertThat(o.exitCode()).isEqualTo(1);
        assertThat(o.conformance().regressions()).extracting(ConformanceDiff.Change::checkId)
                .containsExactlyInAnyOrder("monitor/limits", "monitor/limits", "monitor/limits", "srv/load-spread");
        assertThat(o.conformance().changes()).allMatch(ConformanceDiff.Change::regression);
        assertThat(o.performance()).as("both sides ran the load").isPresent();
        assertThat(o.performance().get().rows()).isNotEmpty();

        String page = Files.readString(o.folder().resolve("rehearsal.html"));
        assertThat(page).contains("NOT SAFE", "monitor/limits", "max_connections 100", "Performance deltas", "max_connections: 100");
        // a planner's page: the index's look, the load stated, units instead of 4.27e+04, capacity bounded as in the index
        assertThat(page).contains("<style>", "--good:", "<strong>30 simulated nodes</strong>", "Capacity, side A", "Capacity, side B",
                "bounded by max_connections", "<td class=\"num\">30</td>");
        assertThat(page).doesNotContainPattern("[0-9]e[+-][0-9]").contains(" KiB", " ms");
        assertThat(Files.readString(o.folder().resolve("rehearsal.json"))).contains("\"conformanceChanges\"", "\"performance\"");
        assertThat(reports.resolve("index.html")).exists();
        var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(o.folder().resolve("rehearsal.json").toFile());
        String loadA = json.path("A").path("loadRun").asText();
        String loadB = json.path("B").path("loadRun").asText();
        assertThat(loadA).endsWith("-load");
        assertThat(loadB).endsWith("-load");
        assertThat(Files.readString(reports.resolve("index.html"))).as("the index shows both load runs").contains(loadA, loadB);
        assertThat(ProcessRegistry.live()).as("both deployments are stopped").isEmpty();
    }
}
