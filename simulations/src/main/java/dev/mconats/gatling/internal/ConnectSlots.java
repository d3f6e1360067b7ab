package dev.mconats.gatling.internal;

import java.util.ArrayDeque;
import java.util.concurrent.Executor;

/**
 * At most n connection attempts in flight, without parking a thread per waiting attempt: an attempt that finds no
 * free slot waits in a FIFO queue and is started (on {@code executor}) when a running one releases its slot.
 */
public final class ConnectSlots {
    private final Executor executor;
    private final ArrayDeque<Runnable> waiting = new ArrayDeque<>();
    private int free;

    public ConnectSlots(int slots, Executor executor) {
        this.free = slots;
        this.executor = executor;
    }

    /** Runs {@code attempt} now if a slot is free, else once one is; the attempt must {@link #release()} it. */
    public void acquire(Runnable attempt) {
        synchronized (this) {
            if (free == 0) {
                waiting.add(attempt);
                return;
            }
            free--;
        }
        attempt.run();
    }

    public void release() {
        Runnable next;
        synchronized (this) {
            next = waiting.poll();
            if (next == null) {
                free++;
                return;
            }
        }
        executor.execute(next);
    }
}
