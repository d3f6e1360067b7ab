package dev.mconats.cli.progress;

import dev.mconats.reports.progress.Phase;
import java.util.List;

/**
 * What a progress view shows at one moment: on a terminal the {@code lines} (a headline, then at most a line per
 * shard), in a log the one {@code compact} line; {@code key} changes when the phase does, so a log gets a line at
 * every phase change and not only every interval.
 */
public record Board(Phase phase, String key, List<String> lines, String compact) {
    public Board {
        lines = List.copyOf(lines);
    }
}
