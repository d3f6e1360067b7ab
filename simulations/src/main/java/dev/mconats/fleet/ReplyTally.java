package dev.mconats.fleet;

import java.util.HashSet;
import java.util.Set;

/**
 * Counts the replies to one request: distinct senders with the right request id, plus duplicates and replies that
 * did not decode or belong to another request. Complete when {@code expected} distinct senders have answered. In a
 * sharded run the clients live in one shard and their tally expects the whole fleet: replies from nodes simulated by
 * other injectors count like any other (FleetScaling).
 */
public final class ReplyTally {
    private final String requestId;
    private final int expected;
    private final Set<String> senders = new HashSet<>();
    private int duplicates;
    private int invalid;
    private long firstMillis;
    private long lastMillis;

    public ReplyTally(String requestId, int expected) {
        if (expected < 0) {
            throw new IllegalArgumentException("expected replies must be >= 0");
        }
        this.requestId = requestId;
        this.expected = expected;
    }

    /** Records a decoded reply; returns true when this reply completed the tally. */
    public synchronized boolean add(String replyRequestId, String sender, long atMillis) {
        if (!requestId.equals(replyRequestId)) {
            invalid++;
            return false;
        }
        if (!senders.add(sender)) {
            duplicates++;
            return false;
        }
        if (senders.size() == 1) {
            firstMillis = atMillis;
        }
        lastMillis = atMillis;
        return senders.size() == expected;
    }

    /** A payload that could not be decoded as a reply. */
    public synchronized void invalid() {
        invalid++;
    }

    public synchronized boolean complete() {
        return senders.size() >= expected;
    }

    public synchronized int received() {
        return senders.size();
    }

    public int expected() {
        return expected;
    }

    public synchronized int duplicates() {
        return duplicates;
    }

    public synchronized int invalidReplies() {
        return invalid;
    }

    public synchronized long firstMillis() {
        return firstMillis;
    }

    public synchronized long lastMillis() {
        return lastMillis;
    }
}
