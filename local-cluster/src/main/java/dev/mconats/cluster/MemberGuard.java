package dev.mconats.cluster;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * "A member taken down is always started again": every stop and start of a fault run goes through here. Members
 * that are down are started again by {@link #startAllDown()} at the end of the run, and by a JVM shutdown hook
 * when the run is cut short (Ctrl-C, the injector stopped by its parent), so no member is ever left down. Stops and
 * starts of one member are serialised, so the hook and the run never start the same member twice.
 */
public final class MemberGuard implements AutoCloseable {
    private final Set<MemberControl> down = new LinkedHashSet<>();
    private final Duration readyTimeout;
    private final Thread hook;

    public MemberGuard(Duration readyTimeout) {
        this.readyTimeout = readyTimeout;
        this.hook = new Thread(this::startAllDown, "mco-nats-member-guard");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** Takes a member down; from here on it counts as down until a start succeeded. */
    public synchronized void stop(MemberControl m, FaultKind kind) {
        down.add(m);
        m.stop(kind);
    }

    /** Starts a member that is down (no-op when it is not); throws when the start command or launch failed. */
    public synchronized void start(MemberControl m) {
        if (!down.contains(m)) {
            return;
        }
        m.start();
        down.remove(m);
    }

    public synchronized boolean isDown(MemberControl m) {
        return down.contains(m);
    }

    /**
     * Starts every member still down and waits for each to answer; an upgrade's replacement that does not come up
     * is rolled back. Returns one line per member that could not be started.
     */
    public synchronized List<String> startAllDown() {
        List<String> problems = new ArrayList<>();
        for (MemberControl m : List.copyOf(down)) {
            try {
                m.start();
                Optional<String> notReady = m.awaitReady(readyTimeout);
                if (notReady.isPresent() && m.rollBack()) {
                    notReady = m.awaitReady(readyTimeout).map(w -> "rolled back, still not up: " + w);
                }
                down.remove(m);
                notReady.ifPresent(w -> problems.add(m.name() + ": " + w));
            } catch (RuntimeException e) {
                problems.add(m.name() + ": " + e.getMessage());
            }
        }
        return problems;
    }

    /** Starts what is still down and drops the shutdown hook; returns the problems of {@link #startAllDown()}. */
    public List<String> finish() {
        List<String> problems = startAllDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs anyway
        }
        return problems;
    }

    @Override
    public void close() {
        finish();
    }
}
