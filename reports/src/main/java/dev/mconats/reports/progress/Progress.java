package dev.mconats.reports.progress;

import java.util.List;

/**
 * One injector's state at one moment, as it writes it to {@value ProgressFile#NAME} (one JSON object a line) for
 * the front door to render: the phase, its nodes against their target, the handshakes so far and their recent rate,
 * the last discovery, and an estimate of the time left. A client shard of a fleet also carries every shard's latest
 * status as the fleet's coordinator heard it ({@link #fleet}).
 *
 * @param shard          this injector's shard (0 of 1 for a single injector)
 * @param missingReplies discovery replies missing so far, over all rounds
 * @param etaSeconds     estimated seconds left, or {@link #UNKNOWN}
 */
public record Progress(long atMillis, int shard, int shards, Phase phase, String detail, Nodes nodes,
                       Handshakes handshakes, Discovery lastDiscovery, long missingReplies, long etaSeconds,
                       List<ShardStatus> fleet) {
    public static final long UNKNOWN = -1;

    /** @param target nodes this injector simulates; {@code maxLive} the most that were live at once */
    public record Nodes(long live, long target, long maxLive, long down) {
    }

    /** Handshake attempts (nodes and clients): completed, failed, and completed per second lately. */
    public record Handshakes(long ok, long failed, double perSecond) {
    }

    /** The latest completed broadcast: its request name, time to all replies (or to the deadline), replies missing. */
    public record Discovery(String name, long millis, long expected, long missing, long atMillis) {
    }

    /** A shard's latest status on the fleet's control subject; {@code silent} when it has not been heard lately. */
    public record ShardStatus(int shard, long live, long nodes, boolean silent) {
    }

    public Progress {
        fleet = fleet == null ? List.of() : List.copyOf(fleet);
    }

    /** The phase as people read it: "round 2 of 5". */
    public String phaseText() {
        return phase.text(detail);
    }

    public Progress withPhase(Phase p, String d) {
        return new Progress(atMillis, shard, shards, p, d, nodes, handshakes, lastDiscovery, missingReplies, etaSeconds, fleet);
    }
}
