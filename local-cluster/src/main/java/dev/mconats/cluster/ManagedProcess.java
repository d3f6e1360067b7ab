package dev.mconats.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A process this suite started, known by PID and PID file. It is only ever stopped by that PID, and only while its
 * command line still names our own config file, so a recycled PID never hits someone else's process.
 */
public final class ManagedProcess implements RunningServer {
    private final String name;
    private final ProcessHandle handle;
    private final Path pidFile;
    private final String marker;

    private ManagedProcess(String name, ProcessHandle handle, Path pidFile, String marker) {
        this.name = name;
        this.handle = handle;
        this.pidFile = pidFile;
        this.marker = marker;
    }

    /** Starts {@code command}, output to {@code log}, PID to {@code pidFile}; {@code marker} must be in its args. */
    public static ManagedProcess start(String name, List<String> command, Path log, Path pidFile, String marker) {
        try {
            Files.createDirectories(log.toAbsolutePath().getParent());
            ProcessBuilder pb = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            Process p = pb.start();
            Files.writeString(pidFile, p.pid() + "\n");
            return new ManagedProcess(name, p.toHandle(), pidFile, marker);
        } catch (IOException e) {
            throw new ClusterException("cannot start " + name + " (" + command.get(0) + "): " + e.getMessage(), e);
        }
    }

    /** Re-attaches to a process started earlier (e.g. by {@code local up}) through its PID file. */
    public static Optional<ManagedProcess> fromPidFile(String name, Path pidFile, String marker) {
        try {
            if (!Files.isRegularFile(pidFile)) {
                return Optional.empty();
            }
            long pid = Long.parseLong(Files.readString(pidFile).trim());
            return ProcessHandle.of(pid)
                    .filter(h -> h.info().arguments().map(a -> String.join(" ", a).contains(marker)).orElse(false)
                            || h.info().commandLine().map(c -> c.contains(marker)).orElse(false))
                    .map(h -> new ManagedProcess(name, h, pidFile, marker));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public long pid() {
        return handle.pid();
    }

    @Override
    public boolean isAlive() {
        return handle.isAlive();
    }

    /** The executable the process runs, as the OS reports it. */
    public Optional<Path> executable() {
        return handle.info().command().map(Path::of);
    }

    /**
     * SIGTERM, then SIGKILL after a grace period; removes the PID file. A process that was restarted by someone else
     * since (a fault run in another JVM starts a member with the same config and PID file) is found through the PID
     * file and stopped too, so whoever owns a deployment stops what runs now, not only what it started.
     */
    @Override
    public void stop() {
        if (handle.isAlive() && ownsHandle()) {
            terminate(handle);
        }
        fromPidFile(name, pidFile, marker).filter(p -> p.pid() != pid() && p.isAlive()).ifPresent(p -> terminate(p.handle));
        try {
            Files.deleteIfExists(pidFile);
        } catch (IOException ignored) {
            // a stale PID file is harmless: fromPidFile checks the command line
        }
    }

    private static void terminate(ProcessHandle h) {
        h.destroy();
        try {
            h.onExit().get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            h.destroyForcibly();
            try {
                h.onExit().get(5, TimeUnit.SECONDS);
            } catch (Exception ignored) {
                // reported by isAlive() to whoever asks
            }
        }
    }

    /** SIGKILL at once: a crash, as a fault test wants it. */
    @Override
    public void kill() {
        if (handle.isAlive() && ownsHandle()) {
            handle.destroyForcibly();
            try {
                handle.onExit().get(5, TimeUnit.SECONDS);
            } catch (Exception ignored) {
                // checked by callers through isAlive()
            }
        }
    }

    private boolean ownsHandle() {
        return handle.info().arguments().map(a -> String.join(" ", a).contains(marker)).orElse(true);
    }

    @Override
    public String toString() {
        return name + " (pid " + pid() + ")";
    }
}
