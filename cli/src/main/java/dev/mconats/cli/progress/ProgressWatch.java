package dev.mconats.cli.progress;

import dev.mconats.reports.progress.Phase;
import dev.mconats.reports.progress.Progress;
import dev.mconats.reports.progress.ProgressFile;
import dev.mconats.reports.progress.Timeline;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The front door's side of a long command's progress: its own phases (starting servers, starting the injector,
 * report, done), the injectors' progress files followed twice a second and added up, the {@link Timeline} of both
 * for run.json, and a {@link ProgressView} kept up to date. Whatever the command prints meanwhile goes through
 * {@link #out()}, so it appears above a terminal's live lines.
 */
public final class ProgressWatch implements AutoCloseable {
    static final long REFRESH_MS = 500;

    private final String command;
    private final ProgressView view;
    private final long startMillis = System.currentTimeMillis();
    private final Timeline timeline = new Timeline();
    private final List<ProgressFile.Tail> tails = new ArrayList<>();
    private final Map<Integer, Progress> latest = new TreeMap<>();
    private final PrintWriter out;
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("progress-view").daemon().factory());
    private Phase phase;
    private String detail;
    private long phaseAt;
    private long recordArrivedAt;
    private boolean finished;

    private final Thread onExit;

    public ProgressWatch(String command, ProgressView view) {
        this.command = command;
        this.view = view;
        this.out = new PrintWriter(new LineWriter(view), true);
        ticker.scheduleWithFixedDelay(this::refresh, REFRESH_MS, REFRESH_MS, TimeUnit.MILLISECONDS);
        // Ctrl-C: the live lines end like ordinary output, so the shell's prompt starts on a line of its own
        this.onExit = new Thread(() -> {
            ticker.shutdownNow();
            view.close();
        }, "progress-view-exit");
        Runtime.getRuntime().addShutdownHook(onExit);
    }

    /** Prints a line at a time through the view. */
    public PrintWriter out() {
        return out;
    }

    public ProgressView view() {
        return view;
    }

    public Timeline timeline() {
        return timeline;
    }

    /** The front door entered a phase of its own. */
    public void phase(Phase p) {
        phase(p, null);
    }

    public synchronized void phase(Phase p, String d) {
        poll();
        phase = p;
        detail = d;
        phaseAt = System.currentTimeMillis();
        Progress total = total();
        timeline.mark(p, d, phaseAt, total == null ? Map.of() : Timeline.figures(total));
        view.show(board(phaseAt));
    }

    /** Follows the progress files of the injectors (shard i writes file i); replaces any followed before. */
    public synchronized void follow(List<Path> files) {
        tails.clear();
        latest.clear();
        files.forEach(f -> tails.add(new ProgressFile.Tail(f)));
    }

    /** Reads what the injectors wrote since and shows the state. */
    public synchronized void refresh() {
        if (finished) {
            return;
        }
        try {
            poll();
            Board b = board(System.currentTimeMillis());
            if (b != null) {
                view.show(b);
            }
        } catch (RuntimeException e) {
            // a view that failed to draw once draws again on the next tick
        }
    }

    /** The final state: the DONE phase with the injectors' last counts, left on screen or printed once. */
    public synchronized void finish() {
        poll();
        phase = Phase.DONE;
        detail = null;
        phaseAt = System.currentTimeMillis();
        Progress total = total();
        timeline.mark(Phase.DONE, null, phaseAt, total == null ? Map.of() : Timeline.figures(total));
        view.finish(board(phaseAt));
        finished = true;
    }

    /** The injectors' latest records added up, or null before the first. */
    public synchronized Progress total() {
        return aggregate(List.copyOf(latest.values()));
    }

    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(onExit);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs anyway
        }
        ticker.shutdownNow();
        out.flush();
        synchronized (this) {
            view.close();
        }
    }

    private void poll() {
        for (int i = 0; i < tails.size(); i++) {
            for (Progress p : tails.get(i).poll()) {
                latest.put(i, p);
                recordArrivedAt = System.currentTimeMillis();
                if (timeline.observe(total())) {
                    view.show(board(recordArrivedAt)); // every phase is shown, however short (a log keeps each)
                }
            }
        }
    }

    /** What the view shows now; null before there is anything to show (no phase yet, no record). */
    Board board(long now) {
        Progress total = total();
        if (total == null && phase == null) {
            return null;
        }
        // the front door's phase until an injector says more, and again once the front door moved on after them
        boolean own = total == null || phase != null && phaseAt >= recordArrivedAt;
        return BoardFormat.board(command, now - startMillis, own ? phase : total.phase(), own ? detail : total.detail(),
                total, latest.size() > 1 ? List.copyOf(latest.values()) : List.of(), now);
    }

    /**
     * Several injectors' records as one: the phase, detail and last discovery of the client shard (shard 0; before it
     * reported, the shard furthest behind, connecting at most), counts added up, the estimate the longest any shard gives.
     */
    static Progress aggregate(List<Progress> shards) {
        if (shards.isEmpty()) {
            return null;
        }
        if (shards.size() == 1) {
            return shards.get(0);
        }
        Progress lead = shards.stream().filter(p -> p.shard() == 0).findFirst().orElseGet(() -> {
            // without the client shard the fleet is at most connecting
            Progress behind = shards.stream().min(Comparator.comparing(Progress::phase)).orElseThrow();
            return behind.phase().compareTo(Phase.CONNECTING) > 0 ? behind.withPhase(Phase.CONNECTING, null) : behind;
        });
        long live = 0, target = 0, maxLive = 0, down = 0, ok = 0, failed = 0, missing = 0, eta = Progress.UNKNOWN, at = 0;
        double rate = 0;
        for (Progress p : shards) {
            live += p.nodes().live();
            target += p.nodes().target();
            maxLive += p.nodes().maxLive();
            down += p.nodes().down();
            ok += p.handshakes().ok();
            failed += p.handshakes().failed();
            rate += p.handshakes().perSecond();
            missing += p.missingReplies();
            eta = Math.max(eta, p.etaSeconds());
            at = Math.max(at, p.atMillis());
        }
        return new Progress(at, lead.shard(), lead.shards(), lead.phase(), lead.detail(), new Progress.Nodes(live, target, maxLive, down),
                new Progress.Handshakes(ok, failed, rate), lead.lastDiscovery(), missing, eta, List.of());
    }

    /** Hands each complete line written to it to the view. */
    private static final class LineWriter extends Writer {
        private final ProgressView view;
        private final StringBuilder line = new StringBuilder();

        LineWriter(ProgressView view) {
            this.view = view;
        }

        @Override
        public synchronized void write(char[] buf, int off, int len) {
            for (int i = off; i < off + len; i++) {
                char c = buf[i];
                if (c == '\n') {
                    view.println(line.toString());
                    line.setLength(0);
                } else if (c != '\r') {
                    line.append(c);
                }
            }
        }

        @Override
        public synchronized void flush() {
        }

        @Override
        public synchronized void close() {
            if (!line.isEmpty()) {
                view.println(line.toString());
                line.setLength(0);
            }
        }
    }
}
