package dev.mconats.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mconats.cluster.LocalDeployment;
import dev.mconats.cluster.LoopbackBlock;
import dev.mconats.containers.ContainerLauncher;
import dev.mconats.pki.KeyType;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/** The conformance suite passes against the same deployments run by the container launcher (1 node and 3 nodes). */
class ContainerConformanceIT {
    @TempDir
    Path tmp;

    @ParameterizedTest(name = "{0} node(s) in containers")
    @ValueSource(ints = {1, 3})
    void conformancePassesAgainstContainers(int size) throws Exception {
        String image = DockerApi.requireOrSkip("container conformance");
        try (LocalDeployment d = LocalDeployment.builder(tmp.resolve("d")).size(size).addressPrefix(LoopbackBlock.free())
                .keyType(KeyType.EC_P256).launcher(new ContainerLauncher(image)).start()) {
            Path reports = tmp.resolve("reports");
            int rc = Main.run("conformance", "--target", d.targetFile().toString(), "--results-dir", reports.toString());
            String results;
            try (var runs = Files.list(reports.resolve("runs"))) {
                Path run = runs.filter(p -> p.getFileName().toString().endsWith("-conformance")).findFirst().orElseThrow();
                results = Files.readString(run.resolve("conformance/results.json"));
            }
            assertThat(results).contains("\"status\" : \"PASS\"").doesNotContain("\"status\" : \"FAIL\"");
            assertThat(rc).as(results).isZero();
        }
    }
}
