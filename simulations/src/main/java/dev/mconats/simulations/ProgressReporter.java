package dev.mconats.simulations;

import dev.mconats.fleet.FleetCoordinator;
import dev.mconats.fleet.FleetState;
import dev.mconats.gatling.internal.InjectorStats;
import dev.mconats.gatling.internal.NatsRun;
import dev.mconats.gatling.internal.RunControl;
import dev.mconats.reports.progress.Estimate;
import dev.mconats.reports.progress.Phase;
import dev.mconats.reports.progress.Progress;
import dev.mconats.reports.progress.ProgressFile;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Where this injector is, for the front door: every {@value #POLL_MS} ms it reads the run's counters (fleet state,
 * the injector's statistics, the run's phase, the fleet coordinator's view of the other shards) and appends a
 * {@link Progress} to progress.jsonl when the phase changed or a second passed. Reads only; the run does not wait for it.
 */
final class ProgressReporter implements AutoCloseable {
    static final long POLL_MS = 200;
    private static final long WRITE_EVERY_MS = 1000;
    private static final long RATE_WINDOW_MS = 5000;

    private final NatsRun run;
    private final Estimate.Plan plan;
    private final ProgressFile.Writer out;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("progress").daemon().factory());
    private final ArrayDeque<long[]> connects = new ArrayDeque<>(); // (at, handshakes ok) over the rate window
    private Progress last;
    private long lastWrite;

    private ProgressReporter(NatsRun run, Estimate.Plan plan, Path file) {
        this.run = run;
        this.plan = plan;
        this.out = ProgressFile.create(file);
        timer.scheduleWithFixedDelay(this::tick, 0, POLL_MS, TimeUnit.MILLISECONDS);
        run.control().onEnter(mark -> { // a storm's phase is written the moment the run enters it
            try {
                timer.execute(this::tick);
            } catch (RejectedExecutionException ended) {
                // the run is over
            }
        });
    }

    static ProgressReporter start(NatsRun run, Estimate.Plan plan, Path file) {
        return new ProgressReporter(run, plan, file);
    }

    private synchronized void tick() {
        try {
            Progress p = sample(System.currentTimeMillis(), null);
            boolean changed = last == null || last.phase() != p.phase() || !last.phaseText().equals(p.phaseText());
            if (changed || p.atMillis() - lastWrite >= WRITE_EVERY_MS) {
                write(p);
            }
        } catch (RuntimeException e) {
            // a sample that failed (a counter read mid-teardown): the next tick takes another
        }
    }

    private void write(Progress p) {
        out.write(p);
        last = p;
        lastWrite = p.atMillis();
    }

    /** The last record, with the final counts, in {@code phase} (the simulation is over; its report comes next). */
    synchronized void finish(Phase phase) {
        timer.shutdownNow();
        write(sample(System.currentTimeMillis(), phase));
        out.close();
    }

    @Override
    public void close() {
        timer.shutdownNow();
        out.close();
    }

    private Progress sample(long now, Phase forced) {
        FleetState fs = run.fleet().state();
        InjectorStats st = run.stats();
        long[] connect = st.okKo("connect");
        double rate = rate(now, connect[0]);
        int roundsDone = roundsDone(st);
        Phase phase;
        String detail = null;
        RunControl.Mark storm = run.control().current();
        long phaseElapsed = 0; // only a storm's phases are timed: their length is in the estimate
        if (forced != null) {
            phase = forced;
        } else if (run.control().end().isDone()) {
            phase = Phase.FINISHING;
        } else if (storm.phase() != RunControl.Phase.STEADY) {
            phase = phase(storm);
            detail = stormDetail(storm);
            phaseElapsed = now - storm.atMillis();
        } else if (run.identities().shard() != 0) { // a node shard: the client shard runs the rounds
            phase = fs.live() < run.identities().localSize() ? Phase.CONNECTING : Phase.SERVING;
        } else if (total(st.okKo("fleet ready")) == 0) {
            phase = Phase.CONNECTING;
        } else if (roundsDone < plan.warmupRounds()) {
            phase = Phase.WARM_UP;
            detail = (roundsDone + 1) + " of " + plan.warmupRounds();
        } else {
            phase = Phase.ROUNDS;
            int measured = roundsDone - plan.warmupRounds();
            detail = Math.min(measured + 1, Math.max(1, plan.rounds())) + " of " + plan.rounds();
        }
        Progress.Discovery lastDiscovery = st.lastBroadcast().map(b -> new Progress.Discovery(b.name(), b.millis(),
                b.expected(), b.missing(), b.atMillis())).orElse(null);
        long target = run.identities().localSize();
        List<RunControl.Mark> marks = run.control().timeline();
        long eta = Estimate.secondsLeft(plan, new Estimate.State(phase, fs.live(), target, rate, roundsDone,
                lastDiscovery == null ? 0 : lastDiscovery.millis(), stepsRecovered(marks), lastRecoveryMillis(marks), phaseElapsed));
        List<Progress.ShardStatus> fleet = run.coordinator().map(ProgressReporter::statuses).orElse(List.of());
        return new Progress(now, run.identities().shard(), run.identities().shards(), phase, detail,
                new Progress.Nodes(fs.live(), target, fs.maxLive(), fs.down()),
                new Progress.Handshakes(connect[0], connect[1], rate), lastDiscovery, st.missingReplies(), eta, fleet);
    }

    /** The progress phase of a storm phase; STEADY is whatever the rounds say. */
    private static Phase phase(RunControl.Mark m) {
        return switch (m.phase()) {
            case OUTAGE -> Phase.FAULT_INJECTED;
            case RECOVERING -> Phase.RECOVERING;
            case RECOVERED -> Phase.RECOVERED;
            case STEADY -> Phase.ROUNDS;
        };
    }

    /** "(nats2, step 2 of 3)"; a storm of one step names the member only. */
    private String stormDetail(RunControl.Mark m) {
        int steps = run.storm().map(s -> s.plan().steps().size()).orElse(1);
        return "(" + m.member() + (steps > 1 ? ", step " + m.step() + " of " + steps : "") + ")";
    }

    private static int stepsRecovered(List<RunControl.Mark> marks) {
        return (int) marks.stream().filter(m -> m.phase() == RunControl.Phase.RECOVERED).map(RunControl.Mark::step).distinct().count();
    }

    /** From the restart to recovered, of the latest step that recovered; 0 before the first. */
    private static long lastRecoveryMillis(List<RunControl.Mark> marks) {
        for (int i = marks.size() - 1; i >= 0; i--) {
            RunControl.Mark recovered = marks.get(i);
            if (recovered.phase() == RunControl.Phase.RECOVERED) {
                for (int j = i - 1; j >= 0; j--) {
                    RunControl.Mark m = marks.get(j);
                    if (m.phase() == RunControl.Phase.RECOVERING && m.step() == recovered.step()) {
                        return Math.max(1, recovered.atMillis() - m.atMillis());
                    }
                }
            }
        }
        return 0;
    }

    private static List<Progress.ShardStatus> statuses(FleetCoordinator c) {
        return c.statuses().stream().map(s -> new Progress.ShardStatus(s.shard(), s.live(), s.nodes(), s.silent())).toList();
    }

    /** Rounds every client of this injector completed: broadcasts named discovery..., divided among the clients. */
    private int roundsDone(InjectorStats st) {
        if (plan.clients() <= 0 || run.identities().shard() != 0) {
            return 0;
        }
        long n = 0;
        for (String name : st.requestNames()) {
            if (name.startsWith("discovery")) {
                n += total(st.okKo(name));
            }
        }
        return (int) (n / plan.clients());
    }

    /** Handshakes completed per second over the last few seconds. */
    private double rate(long now, long ok) {
        connects.addLast(new long[] {now, ok});
        while (connects.size() > 1 && now - connects.peekFirst()[0] > RATE_WINDOW_MS) {
            connects.removeFirst();
        }
        long[] first = connects.peekFirst();
        long span = now - first[0];
        return span < 500 ? 0 : (ok - first[1]) * 1000.0 / span;
    }

    private static long total(long[] okKo) {
        return okKo[0] + okKo[1];
    }
}
