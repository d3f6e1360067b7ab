package dev.mconats.cluster;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds the server a launcher recorded in a node folder, for commands that come after the one that started it. Launchers
 * whose servers outlive the JVM that started them provide one through {@link java.util.ServiceLoader} (the containers
 * module reads {@code container.id}); PID files, which every process leaves, are read by the embedded default itself.
 */
public interface ServerRecords {
    /** The server recorded in {@code nodeDir}, running or not; empty when this kind of launcher left no record there. */
    Optional<RecordedServer> find(String name, Path nodeDir);
}
