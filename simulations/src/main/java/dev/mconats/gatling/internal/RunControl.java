package dev.mconats.gatling.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The shape of a run over time, shared by its virtual users, and the single source of its phase: nodes hold their
 * connections until every client has finished; a fault run moves through phases per step (steady, outage while the
 * member is down, recovery once it was started again, recovered once fleet and route mesh are whole), each with the
 * time it began, readable as a {@linkplain #timeline() timeline}. A request is named after the phase it belongs
 * to ({@link #phaseOf}), and the discovery rounds of each phase are tallied, so "discovery" before the fault,
 * "discovery during outage", "discovery during recovery" and "discovery after recovery" are reported side by side.
 */
public final class RunControl {
    /** Phases, with the suffix they add to request names and how much a round that overlaps several is marked by each. */
    public enum Phase {
        STEADY("", 0), RECOVERED(" after recovery", 1), RECOVERING(" during recovery", 2), OUTAGE(" during outage", 3);

        private final String suffix;
        private final int weight;

        Phase(String suffix, int weight) {
            this.suffix = suffix;
            this.weight = weight;
        }

        /** Appended to request names while the run is in this phase. */
        public String suffix() {
            return suffix;
        }

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * One entry of the timeline: {@code phase} began at {@code atMillis}, in fault step {@code step} (1-based; 0 before
     * the first fault) on {@code member} (null before the first fault).
     */
    public record Mark(Phase phase, int step, String member, long atMillis) {
    }

    /** Discovery rounds of one phase: how many, how many complete, replies expected and received. */
    public record Rounds(int count, int ok, int ko, long expected, long received) {
        static final Rounds NONE = new Rounds(0, 0, 0, 0, 0);

        Rounds plus(boolean complete, long exp, long got) {
            return new Rounds(count + 1, ok + (complete ? 1 : 0), ko + (complete ? 0 : 1), expected + exp, received + got);
        }

        public long missing() {
            return Math.max(0, expected - received);
        }
    }

    private final int clients;
    private final AtomicInteger finishedClients = new AtomicInteger();
    private final CompletableFuture<Void> end = new CompletableFuture<>();
    private final List<Mark> timeline = new CopyOnWriteArrayList<>();
    private final Map<Mark, Rounds> rounds = new ConcurrentHashMap<>();
    private final CompletableFuture<Void> faultsDone = new CompletableFuture<>();
    private final List<Consumer<Mark>> listeners = new CopyOnWriteArrayList<>();

    public RunControl(int clients) {
        this(clients, System.currentTimeMillis());
    }

    public RunControl(int clients, long startMillis) {
        this.clients = clients;
        timeline.add(new Mark(Phase.STEADY, 0, null, startMillis));
        if (clients == 0) {
            end.complete(null);
        }
    }

    /** Completes when every client has finished (or {@link #abort} was called). */
    public CompletableFuture<Void> end() {
        return end;
    }

    /** True when the one client about to finish is the last one (nodes are still connected at that moment). */
    public boolean finishingClientIsLast() {
        return finishedClients.get() + 1 >= clients;
    }

    public void clientFinished() {
        if (finishedClients.incrementAndGet() >= clients) {
            end.complete(null);
        }
    }

    /** Releases every holding node, e.g. when the run is cut short. */
    public void abort() {
        faultsDone.complete(null);
        end.complete(null);
    }

    public Phase phase() {
        return current().phase();
    }

    public Mark current() {
        return timeline.get(timeline.size() - 1);
    }

    /** The run enters {@code phase} of fault step {@code step} at {@code atMillis}; returns the new mark. */
    public synchronized Mark enter(Phase phase, int step, String member, long atMillis) {
        Mark m = new Mark(phase, step, member, Math.max(atMillis, current().atMillis()));
        timeline.add(m);
        listeners.forEach(l -> l.accept(m));
        return m;
    }

    /** Told of every phase the run enters, on the thread that enters it (keep it short: e.g. the progress view). */
    public void onEnter(Consumer<Mark> listener) {
        listeners.add(listener);
    }

    public List<Mark> timeline() {
        return List.copyOf(timeline);
    }

    /**
     * The phase a request running from {@code startMillis} to {@code endMillis} belongs to: of the phase in effect at
     * its start and every phase that began before it ended, the most disturbed one (outage, then recovery, then
     * recovered), the latest step on a tie. A discovery in flight when a member dies is an outage round, not a
     * steady-state round that lost replies.
     */
    public Mark phaseOf(long startMillis, long endMillis) {
        List<Mark> t = timeline;
        Mark best = t.get(0);
        for (Mark m : t) {
            if (m.atMillis() <= startMillis) {
                best = m; // the phase in effect at the start
            }
        }
        for (Mark m : t) {
            if (m.atMillis() > startMillis && m.atMillis() <= endMillis
                    && (m.phase().weight > best.phase().weight || m.phase().weight == best.phase().weight && m.step() >= best.step())) {
                best = m;
            }
        }
        return best;
    }

    /** Tallies one discovery round under the phase it belongs to. */
    public void roundDone(Mark phase, boolean complete, long expected, long received) {
        rounds.merge(phase, Rounds.NONE.plus(complete, expected, received), (a, b) -> a.plus(complete, expected, received));
    }

    public Rounds rounds(Mark phase) {
        return rounds.getOrDefault(phase, Rounds.NONE);
    }

    /** Rounds of every mark of this step and phase (a phase is entered once per step). */
    public Rounds rounds(Phase phase, int step) {
        Rounds r = Rounds.NONE;
        List<Mark> marks = new ArrayList<>(timeline);
        for (Mark m : marks) {
            if (m.phase() == phase && m.step() == step) {
                Rounds x = rounds(m);
                r = new Rounds(r.count() + x.count(), r.ok() + x.ok(), r.ko() + x.ko(), r.expected() + x.expected(), r.received() + x.received());
            }
        }
        return r;
    }

    /** The fault driver is done (every step ran, or the run stopped at a member that did not come back). */
    public void faultsDone() {
        faultsDone.complete(null);
    }

    public boolean areFaultsDone() {
        return faultsDone.isDone();
    }
}
