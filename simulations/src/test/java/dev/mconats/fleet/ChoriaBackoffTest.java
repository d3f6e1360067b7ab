package dev.mconats.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ChoriaBackoffTest {
    @Test
    void risesFromHalfASecondToTwentySecondsAndStaysThere() {
        assertThat(ChoriaBackoff.baseMillis(0)).isEqualTo(500);
        assertThat(ChoriaBackoff.baseMillis(ChoriaBackoff.STEPS - 1)).isEqualTo(20_000);
        assertThat(ChoriaBackoff.baseMillis(1000)).isEqualTo(20_000);
        for (int i = 1; i < ChoriaBackoff.STEPS; i++) {
            assertThat(ChoriaBackoff.baseMillis(i)).isGreaterThan(ChoriaBackoff.baseMillis(i - 1));
        }
    }

    @Test
    void eachWaitIsJitteredWithinHalfToOneAndAHalfOfItsStep() {
        long min = Long.MAX_VALUE;
        long max = 0;
        for (int i = 0; i < 5000; i++) {
            long w = ChoriaBackoff.delay(19).toMillis();
            min = Math.min(min, w);
            max = Math.max(max, w);
        }
        assertThat(min).isBetween(10_000L, 11_000L);
        assertThat(max).isBetween(29_000L, 30_000L);
    }

    @Test
    void jnatsRoundsMapToSteps() {
        // jnats calls the handler with 1 after the first failed pass: that is step 0 (0.25-0.75 s)
        Duration first = ChoriaBackoff.INSTANCE.getWaitTime(1);
        assertThat(first.toMillis()).isBetween(250L, 750L);
        assertThat(ChoriaBackoff.INSTANCE.getWaitTime(100).toMillis()).isBetween(10_000L, 30_000L);
    }
}
