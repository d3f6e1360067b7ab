package dev.mconats.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mconats.pki.KeyType;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The three ways a fault run takes members down, against real servers: what is started again, and that it always is. */
class MemberControlIT {
    @TempDir
    Path tmp;

    @Test
    void aProcessMemberComesBackWithTheSameExecutableAndConfigAndItsDeploymentStopsIt() throws Exception {
        long restarted;
        try (LocalDeployment d = LocalDeployment.builder(tmp.resolve("dep")).size(2).addressPrefix(LoopbackBlock.free())
                .keyType(KeyType.EC_P256).start()) {
            LocalCluster.Node n = d.cluster().node(2);
            String config = Files.readString(n.configFile());
            ProcessMember m = ProcessMember.of(n.dir());
            assertThat(m.server()).isEqualTo(n.config().clientEndpoint());
            assertThat(m.monitor().toString()).isEqualTo(n.config().monitorUrl());
            long before = m.running().orElseThrow().pid();
            var executable = m.running().orElseThrow().executable();

            m.stop(FaultKind.KILL);
            assertThat(m.running()).isEmpty();
            assertThat(ProcessHandle.of(before).map(ProcessHandle::isAlive).orElse(false)).isFalse();
            m.start();
            assertThat(m.awaitReady(Duration.ofSeconds(20))).isEmpty();
            ManagedProcess now = m.running().orElseThrow();
            restarted = now.pid();
            assertThat(restarted).isNotEqualTo(before);
            assertThat(now.executable()).isEqualTo(executable);
            assertThat(Files.readString(n.configFile())).isEqualTo(config);
            m.start(); // already running: no second process
            assertThat(m.running().orElseThrow().pid()).isEqualTo(restarted);

            m.stop(FaultKind.STOP); // graceful
            assertThat(m.running()).isEmpty();
            m.start();
            assertThat(m.awaitReady(Duration.ofSeconds(20))).isEmpty();
            restarted = m.running().orElseThrow().pid();
        }
        assertThat(ProcessHandle.of(restarted).map(ProcessHandle::isAlive).orElse(false))
                .as("a member started outside the deployment object is stopped with it (found by its PID file)").isFalse();
        assertThat(ProcessRegistry.live()).isEmpty();
    }

    @Test
    void aReplacementThatDoesNotStartIsRolledBack() throws Exception {
        Path broken = tmp.resolve("candidate");
        Files.writeString(broken, "#!/bin/sh\necho 'no such option' >&2\nexit 1\n");
        broken.toFile().setExecutable(true);
        try (LocalDeployment d = LocalDeployment.builder(tmp.resolve("dep")).size(1).addressPrefix(LoopbackBlock.free())
                .keyType(KeyType.EC_P256).start()) {
            LocalCluster.Node n = d.cluster().node(1);
            String config = Files.readString(n.configFile());
            ProcessMember m = ProcessMember.of(n.dir()).upgradedTo(broken, List.of("max_connections: 100"));
            m.stop(FaultKind.STOP);
            m.start();
            assertThat(m.awaitReady(Duration.ofSeconds(5))).get().asString().contains("exited at start", "no such option");
            assertThat(Files.readString(n.configFile())).endsWith("max_connections: 100\n");
            assertThat(m.rollBack()).isTrue();
            assertThat(m.awaitReady(Duration.ofSeconds(20))).isEmpty();
            assertThat(Files.readString(n.configFile())).isEqualTo(config);
        }
    }

    @Test
    void aCommandIsBoundedInTimeAndItsOutputAndExitCodeAreKept() throws Exception {
        Path out = tmp.resolve("commands");
        CommandMember m = new CommandMember("nats9", "127.0.0.1:1", java.net.URI.create("http://127.0.0.1:1"),
                new CommandMember.Commands("echo going down; sleep 30; echo never", "echo crash; exit 3", "true"),
                Duration.ofSeconds(1), out);
        long t0 = System.nanoTime();
        assertThatThrownBy(() -> m.stop(FaultKind.STOP)).isInstanceOf(ClusterException.class)
                .hasMessageContaining("nats9: stop command timed out after").hasMessageContaining("going down");
        assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - t0)).as("killed at its timeout").isLessThan(8);
        assertThatThrownBy(() -> m.stop(FaultKind.KILL)).isInstanceOf(ClusterException.class)
                .hasMessageContaining("nats9: kill command exit code 3").hasMessageContaining("crash");
        List<String> journal = Files.readAllLines(out.resolve(CommandMember.JOURNAL));
        assertThat(journal).hasSize(2);
        assertThat(journal.get(0)).contains("\"action\":\"stop\"", "\"timed_out\":true");
        assertThat(journal.get(1)).contains("\"action\":\"kill\"", "\"exit_code\":3", "\"timed_out\":false");
        try (var files = Files.list(out)) {
            assertThat(files.filter(f -> f.toString().endsWith(".log"))).hasSize(2);
        }
        // the hanging command and its children are gone: nothing in this JVM's process tree runs "sleep 30"
        assertThat(ProcessHandle.current().descendants().filter(h -> h.info().commandLine().orElse("").contains("sleep 30")))
                .isEmpty();
    }

    @Test
    void aMemberTakenDownIsStartedAgainWhenTheRunIsInterrupted() throws Exception {
        try (LocalDeployment d = LocalDeployment.builder(tmp.resolve("dep")).size(1).addressPrefix(LoopbackBlock.free())
                .keyType(KeyType.EC_P256).start()) {
            LocalCluster.Node n = d.cluster().node(1);
            long before = Long.parseLong(Files.readString(n.pidFile()).trim());
            String javaBin = ProcessHandle.current().info().command().orElse("java");
            Process child = new ProcessBuilder(javaBin, "-cp", System.getProperty("java.class.path"), TakesAMemberDown.class.getName(),
                    n.dir().toString(), Executables.natsServer().toString(), tmp.resolve("commands").toString())
                    .redirectErrorStream(true).start();
            try (BufferedReader r = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null && !line.equals("DOWN")) {
                    // wait until the member is down
                }
                assertThat(line).as("the child took the member down").isEqualTo("DOWN");
                assertThat(ProcessHandle.of(before).map(ProcessHandle::isAlive).orElse(false)).isFalse();
                child.destroy(); // SIGTERM, as a Ctrl-C of the parent passes on
                assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
            }
            assertThat(Monitor.awaitVarz(n.config().monitorUrl(), Duration.ofSeconds(10), Optional::empty))
                    .as("started again by the guard's shutdown hook").isEmpty();
            assertThat(Files.readAllLines(tmp.resolve("commands").resolve(CommandMember.JOURNAL)))
                    .anyMatch(l -> l.contains("\"action\":\"start\"") && l.contains("\"exit_code\":0"));
        }
    }

    /** A child JVM: stops a member through its commands under a guard, says DOWN, and waits to be interrupted. */
    public static final class TakesAMemberDown {
        public static void main(String[] args) throws Exception {
            NodeFolder f = NodeFolder.read(Path.of(args[0]));
            CommandMember m = new CommandMember("node", f.server(), f.monitor(), new CommandMember.Commands(
                    "kill $(cat " + f.pidFile() + ")", "", args[1] + " --config " + f.config() + " >> " + f.log() + " 2>&1 &"),
                    Duration.ofSeconds(20), Path.of(args[2]));
            MemberGuard guard = new MemberGuard(Duration.ofSeconds(20));
            guard.stop(m, FaultKind.STOP);
            Monitor.awaitVarz(f.monitor().toString(), Duration.ofMillis(1), Optional::empty);
            System.out.println("DOWN");
            System.out.flush();
            Thread.sleep(120_000);
        }
    }
}
