package dev.mconats.srv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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

    private static final List<SrvRecord> MIXED = List.of(
            new SrvRecord(10, 60, 4222, "nats1"), new SrvRecord(10, 30, 4222, "nats2"), new SrvRecord(10, 10, 4222, "nats3"),
            new SrvRecord(10, 0, 4222, "nats4"), new SrvRecord(20, 0, 4222, "backup1"), new SrvRecord(20, 0, 4222, "backup2"));

    @Test
    void theDrawMatchesTheExactFirstPickChancesWithinFiveSigma() {
        List<SrvRecord> group = MIXED.subList(0, 4);
        double[] p = Rfc2782.firstPick(group);
        assertThat(Arrays.stream(p).sum()).isCloseTo(1.0, within(1e-12));
        assertThat(p[0]).isCloseTo(60 / 101.0, within(1e-12));
        assertThat(p[3]).isCloseTo(1 / 101.0, within(1e-12)); // weight 0: only the draw of 0
        int draws = 40_000;
        Map<String, Integer> first = new HashMap<>();
        SplittableRandom r = new SplittableRandom(2782);
        for (int i = 0; i < draws; i++) {
            List<SrvRecord> o = Rfc2782.order(MIXED, r);
            assertThat(o.subList(4, 6)).extracting(SrvRecord::target).containsExactlyInAnyOrder("backup1", "backup2");
            first.merge(o.get(0).target(), 1, Integer::sum);
        }
        for (int i = 0; i < group.size(); i++) {
            double observed = first.getOrDefault(group.get(i).target(), 0) / (double) draws;
            assertThat(observed).as(group.get(i).target()).isCloseTo(p[i], within(5 * Math.sqrt(p[i] * (1 - p[i]) / draws) + 1e-4));
        }
    }

    @Test
    void firstConnectionsGoToTheLowestPriorityInProportionToTheChances() {
        double[] shares = Rfc2782.firstConnectionShares(MIXED, x -> true);
        assertThat(Arrays.stream(shares).sum()).isCloseTo(1.0, within(1e-12));
        assertThat(shares).containsExactly(new double[] {60 / 101.0, 30 / 101.0, 10 / 101.0, 1 / 101.0, 0, 0}, within(1e-12));
        double[] seed = Rfc2782.firstConnectionShares(List.of(new SrvRecord(0, 0, 4222, "a"), new SrvRecord(0, 0, 4222, "b"),
                new SrvRecord(0, 0, 4222, "c")), x -> true);
        assertThat(seed).containsExactly(new double[] {1 / 3.0, 1 / 3.0, 1 / 3.0}, within(1e-12));
    }

    @Test
    void clientsOfADeadRecordMoveOnInTheirOrderAndAllDeadMeansTheNextPriority() {
        // three equal records, one dead: its third of the fleet moves on to the other two, half each
        List<SrvRecord> three = List.of(new SrvRecord(0, 0, 4222, "a"), new SrvRecord(0, 0, 4222, "b"), new SrvRecord(0, 0, 4222, "dead"));
        assertThat(Rfc2782.firstConnectionShares(three, x -> !x.target().equals("dead")))
                .containsExactly(new double[] {0.5, 0.5, 0}, within(1e-12));
        // weighted: simulate and compare with the exact answer
        Set<String> dead = Set.of("nats1", "nats3");
        double[] exact = Rfc2782.firstConnectionShares(MIXED, x -> !dead.contains(x.target()));
        int draws = 40_000;
        Map<String, Integer> first = new HashMap<>();
        SplittableRandom r = new SplittableRandom(7);
        for (int i = 0; i < draws; i++) {
            String t = Rfc2782.order(MIXED, r).stream().map(SrvRecord::target).filter(x -> !dead.contains(x)).findFirst().orElseThrow();
            first.merge(t, 1, Integer::sum);
        }
        for (int i = 0; i < MIXED.size(); i++) {
            double observed = first.getOrDefault(MIXED.get(i).target(), 0) / (double) draws;
            assertThat(observed).as(MIXED.get(i).target()).isCloseTo(exact[i], within(5 * Math.sqrt(exact[i] * (1 - exact[i]) / draws) + 1e-4));
        }
        // the whole first priority dead: the backups share the fleet
        assertThat(Rfc2782.firstConnectionShares(MIXED, x -> x.target().startsWith("backup")))
                .containsExactly(new double[] {0, 0, 0, 0, 0.5, 0.5}, within(1e-12));
    }
}
