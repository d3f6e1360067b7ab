package dev.mconats.gatling.internal;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The shape of a run over time, shared by its virtual users: nodes hold their connections until every client has
 * finished; a fault (ReconnectStorm) moves the run through phases that name the clients' requests, so the report
 * shows discovery before the fault, while the fleet recovers, and after it recovered, side by side.
 */
public final class RunControl {
    public enum Phase {
        STEADY(""), RECOVERING(" during recovery"), RECOVERED(" after recovery");

        private final String suffix;

        Phase(String suffix) {
            this.suffix = suffix;
        }

        /** Appended to request names while the run is in this phase. */
        public String suffix() {
            return suffix;
        }
    }

    private final int clients;
    private final AtomicInteger finishedClients = new AtomicInteger();
    private final CompletableFuture<Void> end = new CompletableFuture<>();
    private volatile Phase phase = Phase.STEADY;
    private volatile long faultAtMillis;

    public RunControl(int clients) {
        this.clients = clients;
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
        end.complete(null);
    }

    public Phase phase() {
        return phase;
    }

    public void faultInjected(long atMillis) {
        faultAtMillis = atMillis;
        phase = Phase.RECOVERING;
    }

    public void recovered() {
        phase = Phase.RECOVERED;
    }

    public long faultAtMillis() {
        return faultAtMillis;
    }
}
