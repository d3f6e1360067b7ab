package dev.mconats.fleet;

/**
 * The result of one request a client sent: how many of the expected replies arrived, and when. OK means every
 * expected reply arrived before the deadline; the response time is then the time to the last expected reply.
 *
 * @param startMillis when the request was published
 * @param endMillis   the last expected reply (OK), or the deadline / failure time (KO)
 */
public record CallOutcome(String requestId, int expected, int received, int duplicates, int invalid,
                          long startMillis, long firstReplyMillis, long endMillis, String failure) {

    public boolean ok() {
        return failure == null;
    }

    public int missing() {
        return Math.max(0, expected - received);
    }

    public long responseMillis() {
        return endMillis - startMillis;
    }

    static CallOutcome of(ReplyTally tally, long startMillis, long nowMillis) {
        boolean ok = tally.complete();
        long end = ok ? (tally.expected() == 0 ? startMillis : tally.lastMillis()) : nowMillis;
        return new CallOutcome(null, tally.expected(), tally.received(), tally.duplicates(), tally.invalidReplies(),
                startMillis, tally.firstMillis(), end, ok ? null : "got " + tally.received() + " of " + tally.expected());
    }

    CallOutcome withRequestId(String id) {
        return new CallOutcome(id, expected, received, duplicates, invalid, startMillis, firstReplyMillis, endMillis, failure);
    }

    static CallOutcome failed(String requestId, int expected, long startMillis, long nowMillis, String why) {
        return new CallOutcome(requestId, expected, 0, 0, 0, startMillis, 0, nowMillis, why);
    }
}
