package dev.mconats.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The node's reconnect loop waits where nats.go's does. */
class SimulatedNodeTest {
    @Test
    void aNodeWhoseOnlyServerWentAwayWaitsBeforeEveryAttemptIncludingTheFirst() {
        assertThat(SimulatedNode.waitsBefore(0, 1)).isTrue();
    }

    @Test
    void inAClusterTheOtherMembersAreTriedAtOnceAndTheWaitComesBeforeTheOneJustLost() {
        // the list after a loss: [other, other, lost]
        assertThat(SimulatedNode.waitsBefore(0, 3)).isFalse();
        assertThat(SimulatedNode.waitsBefore(1, 3)).isFalse();
        assertThat(SimulatedNode.waitsBefore(2, 3)).isTrue();
    }
}
