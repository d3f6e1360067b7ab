package dev.mconats.cluster;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * One member of a cluster under test that a fault run may take down and must start again: a local nats-server
 * process ({@link ProcessMember}), a container of the containers launcher, or a staging server driven by the
 * commands of the target file's fault section ({@link CommandMember}). The deployment chooses the implementation;
 * {@link MemberGuard} makes sure a member that was taken down is started again whatever happens.
 */
public interface MemberControl {
    /** Short name for reports, e.g. "node2". */
    String name();

    /** The client endpoint "host:port" nodes dial, as the fleet resolves it. */
    String server();

    /** Base URL of the member's HTTP monitor: readiness and the route mesh are judged from it. */
    URI monitor();

    /** Takes the member down: {@link FaultKind#KILL} SIGKILL, {@link FaultKind#STOP} graceful. Throws on failure. */
    void stop(FaultKind kind);

    /**
     * Starts it again the way it ran (same config; for an upgrade step: its replacement) and returns once the start was
     * issued; readiness is {@link #awaitReady}. Does nothing when the member already runs. Throws on failure.
     */
    void start();

    /** What runs, e.g. "process /usr/sbin/nats-server (pid 123)". */
    String describe();

    /** The member's folder in a local deployment (how another process finds it again), if it has one. */
    default Optional<Path> folder() {
        return Optional.empty();
    }

    /** Why a member just started will not come up (its process exited, with the log's last line), if known. */
    default Optional<String> startFailure() {
        return Optional.empty();
    }

    /**
     * An upgrade step whose replacement did not come up: put the original back (binary or image and config) and start
     * it. False when there is nothing to roll back to (a plain restart, or staging commands).
     */
    default boolean rollBack() {
        return false;
    }

    /** Waits until the member's monitor answers /varz; empty when ready, else why not. */
    default Optional<String> awaitReady(Duration timeout) {
        return Monitor.awaitVarz(monitor().toString(), timeout, this::startFailure);
    }
}
