package dev.mconats.cluster;

/**
 * A server an earlier command left behind (a detached {@code local up}), found again through what its launcher recorded
 * in the node folder: a PID file, a container id. Commands that use the embedded default judge it through these.
 */
public interface RecordedServer {
    /** RUNNING: serving; EXITED: it stopped but left something to remove (a container); UNKNOWN: cannot be checked. */
    enum Liveness { RUNNING, EXITED, UNKNOWN }

    String name();

    Liveness liveness();

    /** How it runs, for status lines: {@code pid 1234}, {@code container 0123456789ab (exited 137)}. */
    String how();

    /** Host PID of its main process while it runs (a container's too), else -1. */
    long pid();

    /**
     * Stops it when it runs and removes what it leaves behind (a container, its record); one line says what was done,
     * e.g. {@code removed container nats2.example.net 0123456789ab (had exited)}.
     *
     * @throws ClusterException when it cannot be removed (e.g. no Docker API to reach its container)
     */
    String remove();
}
