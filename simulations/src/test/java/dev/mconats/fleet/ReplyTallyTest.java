package dev.mconats.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReplyTallyTest {
    private static final String ID = "0123456789abcdef0123456789abcdef";

    @Test
    void completesOnTheLastDistinctSender() {
        ReplyTally t = new ReplyTally(ID, 3);
        assertThat(t.add(ID, "a", 10)).isFalse();
        assertThat(t.add(ID, "a", 11)).isFalse(); // duplicate
        assertThat(t.add(ID, "b", 12)).isFalse();
        assertThat(t.add("ffffffffffffffffffffffffffffffff", "c", 13)).isFalse(); // another request's reply
        assertThat(t.add(ID, "c", 14)).isTrue();
        assertThat(t.received()).isEqualTo(3);
        assertThat(t.duplicates()).isEqualTo(1);
        assertThat(t.invalidReplies()).isEqualTo(1);
        assertThat(t.firstMillis()).isEqualTo(10);
        assertThat(t.lastMillis()).isEqualTo(14);
    }

    @Test
    void anIncompleteTallyIsAKoNamingWhatArrived() {
        ReplyTally t = new ReplyTally(ID, 4);
        t.add(ID, "a", 100);
        t.add(ID, "b", 150);
        CallOutcome o = CallOutcome.of(t, 90, 1090);
        assertThat(o.ok()).isFalse();
        assertThat(o.failure()).isEqualTo("got 2 of 4");
        assertThat(o.endMillis()).isEqualTo(1090);
        assertThat(o.missing()).isEqualTo(2);
    }

    @Test
    void aCompleteTallyIsOkTimedToTheLastReply() {
        ReplyTally t = new ReplyTally(ID, 2);
        t.add(ID, "a", 100);
        t.add(ID, "b", 250);
        CallOutcome o = CallOutcome.of(t, 90, 5000);
        assertThat(o.ok()).isTrue();
        assertThat(o.responseMillis()).isEqualTo(160);
    }
}
