package dev.mconats.cluster;

/** A started NATS server (or DNS fixture), however it runs: a local process or a container. */
public interface RunningServer {
    String name();

    /** The host PID of the server process (for a container: its main process as the host sees it). */
    long pid();

    boolean isAlive();

    /** Graceful stop (SIGTERM, then SIGKILL after a grace period). */
    void stop();

    /** Immediate SIGKILL: a crash, as fault tests want it. */
    void kill();
}
