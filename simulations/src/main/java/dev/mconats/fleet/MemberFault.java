package dev.mconats.fleet;

import dev.mconats.cluster.ManagedProcess;
import dev.mconats.targetmodel.TargetException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A cluster member this run may crash: a nats-server started by the suite's local deployments, found by the PID
 * file in its node folder. The kill goes only to that PID, and only while its command line still names the node's
 * own config file, so a stale PID file can never hit another process. Restarting is the job of whoever owns the
 * deployment (the load command or the test), never of the injector.
 */
public final class MemberFault {
    private final String name;
    private final Path nodeDir;

    private MemberFault(String name, Path nodeDir) {
        this.name = name;
        this.nodeDir = nodeDir;
    }

    /** {@code nodeDir} holds nats-server.pid and nats-server.conf (the layout of the local deployments). */
    public static MemberFault of(Path nodeDir) {
        Path dir = nodeDir.toAbsolutePath().normalize();
        if (!Files.isRegularFile(dir.resolve("nats-server.conf"))) {
            throw new TargetException("kill-member: " + dir + " is not a node folder of a local deployment (no nats-server.conf)");
        }
        return new MemberFault(dir.getFileName().toString(), dir);
    }

    public String name() {
        return name;
    }

    public Path nodeDir() {
        return nodeDir;
    }

    /** The running member, if its PID file names a live nats-server with our config. */
    public Optional<ManagedProcess> process() {
        return ManagedProcess.fromPidFile(name, nodeDir.resolve("nats-server.pid"), nodeDir.resolve("nats-server.conf").toString());
    }

    /** SIGKILL (a crash); returns the PID killed. */
    public long kill() {
        ManagedProcess p = process().orElseThrow(() ->
                new IllegalStateException("member " + nodeDir + " is not running (no live PID in nats-server.pid)"));
        p.kill();
        return p.pid();
    }
}
