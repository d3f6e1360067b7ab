package dev.mconats.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.mconats.pki.KeyType;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineTestKit;

/** Proves that no nats-server or dnsmasq survives a failing test, or a JVM that exits without closing anything. */
class NothingLeftBehindIT {
    static final List<Long> PIDS = new CopyOnWriteArrayList<>();

    @Test
    void aFailingTestStillStopsEveryProcess() {
        PIDS.clear();
        System.setProperty("mconats.inner", "true");
        try {
            var results = EngineTestKit.engine("junit-jupiter").selectors(selectClass(FailsWhileClusterRuns.class)).execute();
            results.testEvents().assertStatistics(s -> s.started(1).failed(1));
        } finally {
            System.clearProperty("mconats.inner");
        }
        assertThat(PIDS).as("the inner test started servers and dnsmasq").hasSize(4);
        assertThat(PIDS).allSatisfy(pid -> assertThat(alive(pid)).as("pid " + pid).isFalse());
        assertThat(ProcessRegistry.live()).isEmpty();
    }

    @Test
    void aJvmThatExitsWithoutClosingLeavesNothing(@TempDir Path tmp) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                ExitsWithoutClosing.class.getName(), tmp.toString()).redirectErrorStream(true).start();
        List<Long> pids = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.startsWith("PID ")) {
                    pids.add(Long.parseLong(line.substring(4).trim()));
                }
            }
        }
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(pids).hasSize(3);
        assertThat(pids).allSatisfy(pid -> assertThat(alive(pid)).as("pid " + pid).isFalse());
    }

    static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    /** Run only through EngineTestKit above: starts a 3-node deployment and fails inside try-with-resources. */
    @EnabledIfSystemProperty(named = "mconats.inner", matches = "true")
    static class FailsWhileClusterRuns {
        @TempDir
        Path tmp;

        @Test
        void fails() {
            try (LocalDeployment d = LocalDeployment.builder(tmp).size(3).addressPrefix(LoopbackBlock.free()).keyType(KeyType.EC_P256).start()) {
                d.cluster().nodes().forEach(n -> PIDS.add(n.process().pid()));
                PIDS.add(d.dns().process().pid());
                assertThat(d.cluster().nodes()).as("deliberate failure").isEmpty();
            }
        }
    }

    /** A child JVM: starts a 2-node deployment, prints the PIDs, exits without close(); the shutdown hook must act. */
    public static final class ExitsWithoutClosing {
        public static void main(String[] args) {
            LocalDeployment d = LocalDeployment.builder(Path.of(args[0])).size(2).addressPrefix(LoopbackBlock.free())
                    .keyType(KeyType.EC_P256).start();
            d.cluster().nodes().forEach(n -> System.out.println("PID " + n.process().pid()));
            System.out.println("PID " + d.dns().process().pid());
            System.exit(0);
        }
    }
}
