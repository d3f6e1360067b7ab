package dev.mconats.cli.progress;

import dev.mconats.reports.progress.Phase;
import dev.mconats.reports.progress.Timeline;
import java.io.PrintWriter;

/**
 * A command made of other commands (the main job, the upgrade rehearsal): each step opens with a numbered header,
 * {@code == [2/5] conformance: 1 node}, under which the step's own output and progress view follow; when each step
 * began is kept as a {@link Timeline} for run.json.
 */
public final class Steps {
    private final PrintWriter out;
    private final Timeline timeline = new Timeline();
    private int total;
    private int ordinal;

    public Steps(PrintWriter out, int total) {
        this.out = out;
        this.total = total;
    }

    /** Starts the next step; {@code title} names it, {@code detail} (may be empty) follows after a colon. */
    public void begin(String title, String detail) {
        ordinal++;
        total = Math.max(total, ordinal); // a step the plan did not count (e.g. a cleanup after a failure)
        out.println();
        out.println("== [" + ordinal + "/" + total + "] " + title + (detail == null || detail.isEmpty() ? "" : ": " + detail));
        out.flush();
        timeline.mark(Phase.STEP, ordinal + " of " + total + ": " + title, System.currentTimeMillis());
    }

    public Timeline timeline() {
        return timeline;
    }
}
