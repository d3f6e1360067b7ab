package dev.mconats.cluster;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A member run by the process launcher, known by its folder: stopped only by the PID in its PID file while that
 * process's command line names the member's own config (a recycled PID never hits another process), started again
 * with the very executable it ran and the same config file and PID file. Whoever owns the deployment finds the new
 * process through the PID file, so a member started here in another JVM is handed back, not orphaned.
 *
 * <p>For an upgrade step it is {@linkplain #upgradedTo replaced}: the candidate binary, with extra config lines
 * appended to the same file; {@link #rollBack()} restores the original config and binary.
 */
public final class ProcessMember extends LocalMember {
    private final Path replacement;
    private final ConfigOverlay overlay;
    private volatile Path executable;
    private volatile ManagedProcess started;

    private ProcessMember(NodeFolder folder, Path replacement, List<String> extraConfig) {
        super(folder);
        this.replacement = replacement;
        this.overlay = new ConfigOverlay(folder.config(), extraConfig);
    }

    public static ProcessMember of(Path nodeDir) {
        return new ProcessMember(NodeFolder.read(nodeDir), null, List.of());
    }

    /** The same member, started as {@code binary} (the candidate of an upgrade) with {@code extraConfig} appended. */
    public ProcessMember upgradedTo(Path binary, List<String> extraConfig) {
        if (!Files.isExecutable(binary)) {
            throw new ClusterException("replacement nats-server " + binary + " is not an executable file");
        }
        return new ProcessMember(folder, binary.toAbsolutePath(), extraConfig);
    }

    /** The running process, if the PID file names a live nats-server with this member's config. */
    public Optional<ManagedProcess> running() {
        return ManagedProcess.fromPidFile(name(), folder.pidFile(), folder.config().toString()).filter(ManagedProcess::isAlive);
    }

    @Override
    public void stop(FaultKind kind) {
        ManagedProcess p = running().orElseThrow(() -> new ClusterException(name() + " is not running (no live nats-server in "
                + folder.pidFile() + ")"));
        executable = p.executable().orElse(executable);
        if (kind == FaultKind.KILL) {
            p.kill();
        } else {
            p.stop();
        }
        if (p.isAlive()) {
            throw new ClusterException(name() + " (pid " + p.pid() + ") is still alive after " + kind.label());
        }
    }

    @Override
    public void start() {
        if (running().isPresent()) {
            return;
        }
        if (replacement != null) {
            overlay.apply();
        }
        launch(replacement != null ? replacement : original());
    }

    private Path original() {
        return executable != null ? executable : Executables.natsServer();
    }

    private void launch(Path binary) {
        started = ManagedProcess.start(name(), List.of(binary.toString(), "--config", folder.config().toString()),
                folder.log(), folder.pidFile(), folder.config().toString());
    }

    @Override
    public Optional<String> startFailure() {
        ManagedProcess p = started;
        return p != null && !p.isAlive() ? Optional.of(name() + " exited at start: " + LogTail.of(folder.log())) : Optional.empty();
    }

    @Override
    public boolean rollBack() {
        if (replacement == null) {
            return false;
        }
        running().ifPresent(ManagedProcess::stop);
        overlay.restore();
        launch(original());
        return true;
    }

    /** What runs now: the executable and PID the OS reports, or "not running". */
    @Override
    public String describe() {
        return running().map(m -> "process " + m.executable().map(Path::toString).orElse("nats-server") + " (pid " + m.pid() + ")")
                .orElse("process not running");
    }
}
