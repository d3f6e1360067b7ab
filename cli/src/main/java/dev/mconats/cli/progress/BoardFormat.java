package dev.mconats.cli.progress;

import dev.mconats.reports.progress.Phase;
import dev.mconats.reports.progress.Progress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The words of the progress view, in one place: "load: 0:42 round 2 of 3 | 2,000/2,000 nodes live | handshakes 2,002,
 * 0 failed | last discovery 312 ms, 0 missing | ~0:35 left", and under it a line per shard of a fleet.
 */
final class BoardFormat {
    private BoardFormat() {
    }

    /**
     * @param total   the injectors' records added up ({@link ProgressWatch#aggregate}), or null before the first
     * @param shards  each injector's latest record when there are several, else empty
     */
    static Board board(String command, long elapsedMillis, Phase phase, String detail, Progress total, List<Progress> shards,
                       long nowMillis) {
        String text = phase.text(detail);
        List<String> parts = new ArrayList<>();
        parts.add(command + ": " + clock(elapsedMillis / 1000) + " " + text);
        boolean done = phase == Phase.DONE;
        if (total != null) {
            Progress.Nodes n = total.nodes();
            parts.add(done ? count(n.maxLive()) + "/" + count(n.target()) + " nodes were live at most"
                    : count(n.live()) + "/" + count(n.target()) + " nodes live");
            parts.add(handshakes(total.handshakes(), phase == Phase.CONNECTING));
            if (done) {
                parts.add("missing replies " + count(total.missingReplies()));
            } else {
                Progress.Discovery d = total.lastDiscovery();
                if (d != null) {
                    parts.add("last discovery " + count(d.millis()) + " ms, " + count(d.missing()) + " missing");
                }
                if (total.etaSeconds() != Progress.UNKNOWN) {
                    long left = Math.max(0, total.etaSeconds() - Math.max(0, nowMillis - total.atMillis()) / 1000);
                    parts.add("~" + clock(left) + " left");
                }
            }
        }
        String headline = String.join(" | ", parts);
        List<String> lines = new ArrayList<>();
        lines.add(headline);
        List<String> compact = new ArrayList<>();
        if (shards.size() > 1) {
            for (Progress s : shards) {
                lines.add("  shard " + s.shard() + " | " + s.phaseText() + " | " + count(s.nodes().live()) + "/"
                        + count(s.nodes().target()) + " live | " + handshakes(s.handshakes(), s.phase() == Phase.CONNECTING));
                compact.add(s.shard() + ": " + count(s.nodes().live()) + "/" + count(s.nodes().target()));
            }
        } else if (total != null && !total.fleet().isEmpty()) {
            for (Progress.ShardStatus s : total.fleet()) {
                String state = s.silent() ? "silent" : count(s.live()) + "/" + count(s.nodes()) + " live";
                lines.add("  shard " + s.shard() + " | " + state);
                compact.add(s.shard() + ": " + state.replace(" live", ""));
            }
        }
        String oneLine = compact.isEmpty() || done ? headline : headline + " | shards " + String.join(", ", compact);
        return new Board(phase, text, lines, oneLine);
    }

    /** The rate only while nodes connect: afterwards it would be an echo of the ramp. */
    private static String handshakes(Progress.Handshakes h, boolean withRate) {
        String rate = withRate && h.perSecond() >= 0.5 ? " (" + count(Math.round(h.perSecond())) + "/s)" : "";
        return "handshakes " + count(h.ok()) + rate + ", " + count(h.failed()) + " failed";
    }

    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** 0:42, 12:05, 1:02:10. */
    static String clock(long seconds) {
        long s = Math.max(0, seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
