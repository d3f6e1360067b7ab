package dev.mconats.cluster;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** A nats-server or dnsmasq process found through its PID file; only a live process with our config counts. */
final class RecordedProcess implements RecordedServer {
    private final ManagedProcess process;

    private RecordedProcess(ManagedProcess process) {
        this.process = process;
    }

    /** {@code nodeDir} holds nats-server.pid and .conf, or dnsmasq.pid and .conf (a DNS fixture's folder). */
    static Optional<RecordedServer> find(String name, Path nodeDir) {
        String program = Files.isRegularFile(nodeDir.resolve("dnsmasq.conf")) ? "dnsmasq" : "nats-server";
        return ManagedProcess.fromPidFile(name, nodeDir.resolve(program + ".pid"), nodeDir.resolve(program + ".conf").toString())
                .filter(ManagedProcess::isAlive).map(RecordedProcess::new);
    }

    @Override
    public String name() {
        return process.name();
    }

    @Override
    public Liveness liveness() {
        return process.isAlive() ? Liveness.RUNNING : Liveness.EXITED;
    }

    @Override
    public String how() {
        return "pid " + process.pid();
    }

    @Override
    public long pid() {
        return process.pid();
    }

    @Override
    public String remove() {
        process.stop();
        if (process.isAlive()) {
            throw new ClusterException(name() + " (pid " + process.pid() + ") did not stop");
        }
        return "stopped " + name() + " (pid " + process.pid() + ")";
    }
}
