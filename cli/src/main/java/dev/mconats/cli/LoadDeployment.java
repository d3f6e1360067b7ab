package dev.mconats.cli;

import dev.mconats.cluster.CommandMember;
import dev.mconats.cluster.EmbeddedDefault;
import dev.mconats.cluster.LocalDeployment;
import dev.mconats.cluster.LoopbackBlock;
import dev.mconats.cluster.ManagedProcess;
import dev.mconats.cluster.MemberControl;
import dev.mconats.cluster.MemberGuard;
import dev.mconats.cluster.ServerLauncher;
import dev.mconats.containers.LocalMembers;
import dev.mconats.pki.KeyType;
import dev.mconats.targetmodel.FaultSettings;
import dev.mconats.targetmodel.Target;
import dev.mconats.targetmodel.TargetFile;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Where a load run goes, shared by {@code load} and {@code fleet}: a target file, a fresh throw-away local deployment,
 * or the embedded default (started when it is not up and stopped again afterwards). Holds the target file, the PIDs of
 * local servers (for CPU figures) and how to tear down what was started; after the injector it starts any member a
 * storm left down (an injector that died without its shutdown hooks leaves a marker per member in its run folder).
 */
final class LoadDeployment implements AutoCloseable {
    /** The injector's folder of down-markers (the storm simulations' {@code StormSetup.MEMBERS_DOWN}). */
    static final String MEMBERS_DOWN = "members-down";

    private final Path targetFile;
    private final List<Long> serverPids;
    private final Runnable teardown;
    private final AtomicBoolean closed = new AtomicBoolean();

    private LoadDeployment(Path targetFile, List<Long> serverPids, Runnable teardown) {
        this.targetFile = targetFile;
        this.serverPids = serverPids;
        this.teardown = teardown;
    }

    Path targetFile() {
        return targetFile;
    }

    List<Long> serverPids() {
        return serverPids;
    }

    /** Idempotent: called at the end of the command, or from its shutdown hook on Ctrl-C. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            teardown.run();
        }
    }

    /**
     * @param target      a target file (nothing to start or stop), or null
     * @param localServer key type of a fresh throw-away deployment of {@code size} servers, or null
     * @param launcher    how a fresh deployment runs its servers
     * @param stateDir    state folder of the embedded default (null: $MCO_NATS_HOME or ./.local)
     * @param cluster     without target or fresh deployment: the embedded 3-node cluster rather than its single node
     */
    static LoadDeployment open(Path target, String localServer, int size, ServerLauncher launcher, boolean cluster, Path stateDir,
                               PrintWriter out) {
        if (target != null) {
            return new LoadDeployment(target.toAbsolutePath(), List.of(), () -> { });
        }
        if (localServer != null) {
            KeyType keyType;
            try {
                keyType = KeyType.parse(localServer);
            } catch (IllegalArgumentException e) {
                throw new UserError("--local-server: " + e.getMessage());
            }
            if (size < 1 || size > 9) {
                throw new UserError("--servers: a fresh local deployment has 1 to 9 servers, not " + size);
            }
            Prerequisites.ensure(out);
            Path dir;
            try {
                dir = Files.createTempDirectory("mco-nats-load-");
            } catch (IOException e) {
                throw new UserError("cannot create a temporary folder: " + e.getMessage());
            }
            LocalDeployment d = LocalDeployment.builder(dir).size(size).addressPrefix(LoopbackBlock.free())
                    .keyType(keyType).expectedFleetSize(20_000).launcher(launcher).start();
            out.println("load: started a fresh " + (size == 1 ? "server" : size + "-node cluster") + " (" + keyType + ", "
                    + launcher.name() + ") in " + dir);
            List<Long> pids = d.cluster().nodes().stream().map(n -> n.process().pid()).toList();
            return new LoadDeployment(d.targetFile(), pids, () -> {
                d.close();
                deleteTree(dir); // a throw-away deployment: its PKI, configs and logs go with it
            });
        }
        EmbeddedDefault embedded = new EmbeddedDefault(StateDir.resolve(stateDir));
        boolean started = false;
        if (!embedded.status().upOrDown()) {
            Prerequisites.ensure(out);
            out.println("load: starting the embedded default (it is stopped again afterwards)");
            embedded.up(KeyType.RSA_4096, false);
            started = true;
        }
        String which = cluster ? "cluster" : "single";
        Path file = cluster ? embedded.clusterTarget() : embedded.singleTarget();
        List<Long> pids = embedded.status().serverPids(which); // processes' or containers' host PIDs
        boolean stopAfter = started;
        return new LoadDeployment(file, pids, () -> {
            if (stopAfter) {
                embedded.down();
            }
        });
    }

    /**
     * Whether {@link #open} will start servers (a fresh deployment, or the embedded default that is down): the progress
     * view's first phase. Refuses a partly-up embedded default here already, before anything is printed.
     */
    static boolean startsServers(Path target, String localServer, Path stateDir) {
        if (target != null) {
            return false;
        }
        return localServer != null || !new EmbeddedDefault(StateDir.resolve(stateDir)).status().upOrDown();
    }

    /**
     * Starts every member the injector left down (its markers in {@code runDir}): members of a local deployment by
     * their folder, staging members by the start command of the target file's fault section. Returns one line per
     * member started, or that could not be.
     */
    List<String> startMembersLeftDown(Path runDir) {
        Path markers = runDir.resolve(MEMBERS_DOWN);
        List<String> out = new ArrayList<>();
        for (MemberGuard.LeftDown l : MemberGuard.leftDown(markers)) {
            try {
                MemberControl m = l.folder().isPresent() ? LocalMembers.of(l.folder().get()) : commandMember(l.name(), runDir);
                m.start();
                Optional<String> notReady = m.awaitReady(Duration.ofSeconds(60));
                MemberGuard.cleared(markers, l.name());
                out.add(l.name() + (notReady.isEmpty() ? " started again" : " started again, but " + notReady.get()));
            } catch (RuntimeException e) {
                out.add(l.name() + " could not be started again: " + e.getMessage());
            }
        }
        return out;
    }

    private MemberControl commandMember(String name, Path runDir) {
        Target t = TargetFile.load(targetFile);
        FaultSettings.Member fm = t.fault().members().stream().filter(m -> m.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no member " + name + " in the fault section of " + targetFile));
        String endpoint = t.resolve(fm.server().host()).getHostAddress() + ":" + fm.server().port();
        int index = t.servers().indexOf(fm.server());
        URI monitor = t.monitorFor(fm.server(), index < 0 ? Integer.MAX_VALUE : index);
        return new CommandMember(fm.name(), endpoint, monitor, new CommandMember.Commands(fm.stop(), fm.kill(), fm.start()),
                t.fault().commandTimeout(), runDir.resolve("member-commands"));
    }

    private static void deleteTree(Path dir) {
        try (var walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException ignored) {
            // a leftover temporary folder is harmless
        }
    }
}
