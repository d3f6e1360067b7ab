package dev.mconats.srv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class Rfc2782Test {
    @Test
    void priorityAscendsWhateverTheWeights() {
        List<SrvRecord> in = List.of(new SrvRecord(20, 100, 4222, "c"), new SrvRecord(10, 0, 4222, "a"), new SrvRecord(10, 5, 4222, "b."));
        for (int seed = 0; seed < 50; seed++) {
            List<SrvRecord> out = Rfc2782.order(in, new SplittableRandom(seed));
            assertThat(out).hasSize(3);
            assertThat(out.get(2).target()).isEqualTo("c");
            assertThat(out.subList(0, 2)).extracting(SrvRecord::target).containsExactlyInAnyOrder("a", "b");
        }
    }

    @Test
    void firstPickFollowsTheWeights() {
        List<SrvRecord> in = List.of(new SrvRecord(0, 60, 4222, "heavy"), new SrvRecord(0, 30, 4222, "mid"), new SrvRecord(0, 10, 4222, "light"));
        Map<String, Integer> first = new HashMap<>();
        SplittableRandom r = new SplittableRandom(42);
        int draws = 20000;
        for (int i = 0; i < draws; i++) {
            first.merge(Rfc2782.order(in, r).get(0).target(), 1, Integer::sum);
        }
        assertThat(first.get("heavy") / (double) draws).isCloseTo(0.6, within(0.02));
        assertThat(first.get("mid") / (double) draws).isCloseTo(0.3, within(0.02));
        assertThat(first.get("light") / (double) draws).isCloseTo(0.1, within(0.02));
    }

    @Test
    void allZeroWeightsAreUniform() {
        List<SrvRecord> in = List.of(new SrvRecord(0, 0, 4222, "a"), new SrvRecord(0, 0, 4222, "b"), new SrvRecord(0, 0, 4222, "c"));
        Map<String, Integer> first = new HashMap<>();
        SplittableRandom r = new SplittableRandom(7);
        for (int i = 0; i < 30000; i++) {
            first.merge(Rfc2782.order(in, r).get(0).target(), 1, Integer::sum);
        }
        assertThat(first.values()).allSatisfy(n -> assertThat(n / 30000.0).isCloseTo(1 / 3.0, within(0.02)));
    }
}
