package dev.mconats.gatling.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mconats.gatling.internal.RunControl.Phase;
import org.junit.jupiter.api.Test;

class RunControlTest {
    @Test
    void aRoundBelongsToTheMostDisturbedPhaseItOverlapped() {
        RunControl c = new RunControl(1, 0);
        c.enter(Phase.OUTAGE, 1, "node2", 1000);
        c.enter(Phase.RECOVERING, 1, "node2", 2000);
        c.enter(Phase.RECOVERED, 1, "node2", 3000);
        c.enter(Phase.OUTAGE, 2, "node3", 4000);

        assertThat(c.phaseOf(100, 900).phase()).isEqualTo(Phase.STEADY);
        // in flight when the member died: an outage round, not a steady round that lost replies
        assertThat(c.phaseOf(900, 1100).phase()).isEqualTo(Phase.OUTAGE);
        assertThat(c.phaseOf(900, 3500)).isEqualTo(c.timeline().get(1));
        assertThat(c.phaseOf(1900, 2500).phase()).isEqualTo(Phase.OUTAGE);
        assertThat(c.phaseOf(2100, 3100).phase()).isEqualTo(Phase.RECOVERING);
        assertThat(c.phaseOf(3100, 3900).phase()).isEqualTo(Phase.RECOVERED);
        // after recovery of step 1, overlapping the outage of step 2: step 2's outage
        RunControl.Mark m = c.phaseOf(3500, 4100);
        assertThat(m.phase()).isEqualTo(Phase.OUTAGE);
        assertThat(m.step()).isEqualTo(2);
        assertThat(m.member()).isEqualTo("node3");
    }

    @Test
    void roundsAreTalliedPerPhaseAndStep() {
        RunControl c = new RunControl(2, 0);
        RunControl.Mark steady = c.current();
        c.roundDone(steady, true, 30, 30);
        RunControl.Mark outage = c.enter(Phase.OUTAGE, 1, "node1", 10);
        c.roundDone(outage, false, 30, 20);
        c.roundDone(outage, false, 30, 21);

        assertThat(c.rounds(Phase.STEADY, 0)).isEqualTo(new RunControl.Rounds(1, 1, 0, 30, 30));
        RunControl.Rounds o = c.rounds(Phase.OUTAGE, 1);
        assertThat(o.count()).isEqualTo(2);
        assertThat(o.ko()).isEqualTo(2);
        assertThat(o.missing()).isEqualTo(19);
        assertThat(c.rounds(Phase.RECOVERED, 1).count()).isZero();
        assertThat(c.timeline()).extracting(RunControl.Mark::phase).containsExactly(Phase.STEADY, Phase.OUTAGE);
        assertThat(c.phase()).isEqualTo(Phase.OUTAGE);
        assertThat(c.areFaultsDone()).isFalse();
        c.faultsDone();
        assertThat(c.areFaultsDone()).isTrue();
    }
}
