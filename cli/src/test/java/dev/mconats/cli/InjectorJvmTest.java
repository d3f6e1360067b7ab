package dev.mconats.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InjectorJvmTest {
    @Test
    void aFleetOf19000GetsSerialWithYoungAndOldSizedFromTheMeasuredFiguresAndCompactHeadersOnJdk25() {
        List<String> o = InjectorJvm.memoryOptions(null, 19_000, false, 25);

        // young 204 MiB (a round's allocation minus what one collection takes), old 384 MiB (fleet + promotions)
        assertThat(o).containsExactly("-XX:+UseSerialGC", "-Xmx588m", "-Xmn204m", "-XX:+UseCompactObjectHeaders",
                "-XX:TrimNativeHeapInterval=5000");
    }

    @Test
    void smallRunsKeepAFloorAndJdk21GetsNoFlagsItDoesNotKnow() {
        assertThat(InjectorJvm.memoryOptions(null, 2_000, false, 21))
                .containsExactly("-XX:+UseSerialGC", "-Xmx512m", "-Xmn128m");
        // without compact headers objects are larger: the old generation of a bigger fleet grows faster
        assertThat(InjectorJvm.memoryOptions(null, 19_000, false, 21))
                .containsExactly("-XX:+UseSerialGC", "-Xmx610m", "-Xmn204m");
        assertThat(InjectorJvm.memoryOptions(null, 40_000, false, 21))
                .containsExactly("-XX:+UseSerialGC", "-Xmx1164m", "-Xmn429m");
    }

    @Test
    void anExplicitHeapOrCollectorIsRespected() {
        assertThat(InjectorJvm.memoryOptions("2g", 19_000, false, 25)).startsWith("-XX:+UseSerialGC", "-Xmx2g")
                .doesNotContain("-Xmn204m");
        assertThat(InjectorJvm.memoryOptions(null, 19_000, true, 25)).first().asString().startsWith("-Xmx");
        assertThat(InjectorJvm.memoryOptions(null, 19_000, true, 25)).doesNotContain("-XX:+UseSerialGC");
    }

    @Test
    void theCommandRunsTheLoadRunnerWithTheParameters() {
        List<String> cmd = InjectorJvm.command(Path.of("/x/simulations/target"), null, 19_000, Map.of("nodes", "19000"),
                "SingleServerScaling", Path.of("/tmp/out"));

        assertThat(cmd).contains("-Dmconats.load.nodes=19000", "--enable-native-access=ALL-UNNAMED", "dev.mconats.simulations.LoadRunner")
                .endsWith("SingleServerScaling", "/tmp/out");
        assertThat(InjectorJvm.process(cmd).environment()).containsKey("MALLOC_ARENA_MAX");
        // the JIT's limits come before MCO_NATS_INJECTOR_JAVA_OPTS (later options win) and before the class path
        assertThat(cmd).containsSubsequence(List.of("--enable-native-access=ALL-UNNAMED", "-XX:InlineSmallCode=1000",
                "-XX:FreqInlineSize=100", "-XX:MaxInlineLevel=9", "-Dmconats.load.nodes=19000", "-cp"));
        assertThat(cmd).doesNotContain("--allow-non-loopback");
    }

    @Test
    void theOptInForServersOutsideLoopbackIsTheRunnersLastArgumentNeverASystemProperty() {
        List<String> cmd = InjectorJvm.command(Path.of("/x/simulations/target"), List.of(), null, 100, Map.of("nodes", "100"),
                "SingleServerScaling", Path.of("/tmp/out"), true);

        assertThat(cmd).endsWith("SingleServerScaling", "/tmp/out", "--allow-non-loopback");
        assertThat(cmd).noneMatch(a -> a.contains("allow-non-loopback") && a.startsWith("-D"));
    }
}
