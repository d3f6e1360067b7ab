package dev.mconats.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ChoriaBackoffTest {
    @Test
    void isGoChoriasTwentySecondPolicy() {
        assertThat(ChoriaBackoff.baseMillis(0)).isEqualTo(500);
        assertThat(ChoriaBackoff.baseMillis(1)).isEqualTo(750);
        assertThat(ChoriaBackoff.baseMillis(2)).isEqualTo(1000);
        assertThat(ChoriaBackoff.baseMillis(3)).isEqualTo(1500);
        assertThat(ChoriaBackoff.baseMillis(10)).isEqualTo(5000);
        assertThat(ChoriaBackoff.STEPS).isEqualTo(44);
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
            long w = ChoriaBackoff.delay(43).toMillis();
            min = Math.min(min, w);
            max = Math.max(max, w);
        }
        assertThat(min).isBetween(10_000L, 11_000L);
        assertThat(max).isBetween(29_000L, 30_000L);
    }

    @Test
    void natsPassesOneForTheFirstWaitOfAnOutage() {
        // nats.go and jnats call the handler with 1 for the first wait: step 1 of the table, 750 ms jittered
        Duration first = ChoriaBackoff.INSTANCE.getWaitTime(1);
        assertThat(first.toMillis()).isBetween(375L, 1125L);
        assertThat(ChoriaBackoff.INSTANCE.getWaitTime(100).toMillis()).isBetween(10_000L, 30_000L);
    }
}
