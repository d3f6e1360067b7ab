package dev.mconats.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * "A member taken down is always started again": every stop and start of a fault run goes through here. Members
 * that are down are started again by {@link #startAllDown()} at the end of the run, and by a JVM shutdown hook
 * when the run is cut short (Ctrl-C, the injector stopped by its parent), so no member is ever left down. Stops and
 * starts of one member are serialised, so the hook and the run never start the same member twice.
 *
 * <p>With a marker folder, each member that is down has a file there (named after it, holding its folder for local
 * members) until it was started again: should the whole process die without its hooks (SIGKILL), whoever started
 * it finds the members to start in {@link #leftDown(Path)}.
 */
public final class MemberGuard implements AutoCloseable {
    private final Set<MemberControl> down = new LinkedHashSet<>();
    private final Duration readyTimeout;
    private final Path markers;
    private final Thread hook;

    public MemberGuard(Duration readyTimeout) {
        this(readyTimeout, null);
    }

    /** @param markers folder for the down-markers (null: none) */
    public MemberGuard(Duration readyTimeout, Path markers) {
        this.readyTimeout = readyTimeout;
        this.markers = markers;
        this.hook = new Thread(this::startAllDown, "mco-nats-member-guard");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** Takes a member down; from here on it counts as down until a start succeeded. */
    public synchronized void stop(MemberControl m, FaultKind kind) {
        down.add(m);
        mark(m, true);
        m.stop(kind);
    }

    /** Starts a member that is down (no-op when it is not); throws when the start command or launch failed. */
    public synchronized void start(MemberControl m) {
        if (!down.contains(m)) {
            return;
        }
        m.start();
        down.remove(m);
        mark(m, false);
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
                mark(m, false);
                notReady.ifPresent(w -> problems.add(m.name() + ": " + w));
            } catch (RuntimeException e) {
                problems.add(m.name() + ": " + e.getMessage());
            }
        }
        return problems;
    }

    private void mark(MemberControl m, boolean isDown) {
        if (markers == null) {
            return;
        }
        Path f = markers.resolve(m.name().replaceAll("[^A-Za-z0-9._-]", "_") + ".down");
        try {
            if (isDown) {
                Files.createDirectories(markers);
                Files.writeString(f, m.name() + "\n" + m.folder().map(Path::toString).orElse("") + "\n");
            } else {
                Files.deleteIfExists(f);
            }
        } catch (IOException e) {
            throw new ClusterException("cannot write " + f + ": " + e.getMessage(), e);
        }
    }

    /** A member a dead run left down: its name, and its folder for members of a local deployment. */
    public record LeftDown(String name, Optional<Path> folder) {
    }

    /** Members whose down-marker is still in {@code markers} (a run that died without starting them again). */
    public static List<LeftDown> leftDown(Path markers) {
        List<LeftDown> out = new ArrayList<>();
        if (!Files.isDirectory(markers)) {
            return out;
        }
        try (Stream<Path> files = Files.list(markers)) {
            for (Path f : files.filter(x -> x.toString().endsWith(".down")).sorted().toList()) {
                List<String> lines = Files.readAllLines(f);
                String folder = lines.size() > 1 ? lines.get(1).trim() : "";
                out.add(new LeftDown(lines.isEmpty() ? f.getFileName().toString() : lines.get(0).trim(),
                        folder.isEmpty() ? Optional.empty() : Optional.of(Path.of(folder))));
            }
        } catch (IOException e) {
            throw new ClusterException("cannot read " + markers + ": " + e.getMessage(), e);
        }
        return out;
    }

    /** Removes the marker of a member started again by someone else. */
    public static void cleared(Path markers, String name) {
        try {
            Files.deleteIfExists(markers.resolve(name.replaceAll("[^A-Za-z0-9._-]", "_") + ".down"));
        } catch (IOException ignored) {
            // a stale marker only makes the next look start a running member, which is a no-op
        }
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
