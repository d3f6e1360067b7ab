package dev.mconats.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Config lines an upgrade step adds to a member's config file (the candidate's {@code --b-config}), applied in place
 * so the member keeps its config path (its PID-file marker and container mount), and taken back on a roll-back.
 */
public final class ConfigOverlay {
    private final Path config;
    private final List<String> lines;
    private String original;

    public ConfigOverlay(Path config, List<String> lines) {
        this.config = config;
        this.lines = List.copyOf(lines);
    }

    public synchronized void apply() {
        if (lines.isEmpty()) {
            return;
        }
        try {
            if (original == null) {
                original = Files.readString(config);
            }
            Files.writeString(config, original + String.join("\n", lines) + "\n");
        } catch (IOException e) {
            throw new ClusterException("cannot write " + config + ": " + e.getMessage(), e);
        }
    }

    public synchronized void restore() {
        if (original == null) {
            return;
        }
        try {
            Files.writeString(config, original);
        } catch (IOException e) {
            throw new ClusterException("cannot restore " + config + ": " + e.getMessage(), e);
        }
    }
}
