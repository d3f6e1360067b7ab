package dev.mconats.reports.compare;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mconats.reports.capacity.CapacityBudget;
import dev.mconats.reports.capacity.CapacityEstimate;
import dev.mconats.reports.samples.SampleSeries;
import dev.mconats.reports.samples.SyntheticRun;
import org.junit.jupiter.api.Test;

class ComparisonTest {
    private static RunMetrics metrics(SyntheticRun run) {
        SampleSeries s = run.series();
        return RunMetrics.of(s, CapacityEstimate.of(s, CapacityBudget.DEFAULT));
    }

    private static Verdict verdict(Comparison c, Metric m) {
        return c.rows().stream().filter(r -> r.metric() == m).findFirst().orElseThrow().verdict();
    }

    @Test
    void twoRunsOfTheSameServerDifferOnlyWithinNoise() {
        SyntheticRun a = new SyntheticRun();
        SyntheticRun b = new SyntheticRun();
        b.seed = 99;
        Comparison c = Comparison.of("a", metrics(a), "b", metrics(b));
        assertThat(c.rows()).isNotEmpty();
        assertThat(c.rows()).allSatisfy(r -> assertThat(r.verdict()).as(r.metric().name()).isEqualTo(Verdict.SAME_WITHIN_NOISE));
        assertThat(c.caveats()).isEmpty();
    }

    @Test
    void moreMemoryPerConnectionIsWorseAndFewerNodesFit() {
        SyntheticRun a = new SyntheticRun();
        SyntheticRun b = new SyntheticRun();
        b.seed = 7;
        b.bytesPerConn = a.bytesPerConn * 1.25;
        Comparison c = Comparison.of("a", metrics(a), "b", metrics(b));
        assertThat(verdict(c, Metric.SERVER_BYTES_PER_CONNECTION)).isEqualTo(Verdict.WORSE);
        assertThat(verdict(c, Metric.NODES_AT_MEMORY_BUDGET)).isEqualTo(Verdict.WORSE);
        assertThat(verdict(c, Metric.SERVER_IDLE_RSS)).isEqualTo(Verdict.SAME_WITHIN_NOISE);
        Comparison back = Comparison.of("b", metrics(b), "a", metrics(a));
        assertThat(verdict(back, Metric.SERVER_BYTES_PER_CONNECTION)).isEqualTo(Verdict.BETTER);
    }

    @Test
    void fasterDiscoveryIsBetterSlowConsumersAreWorse() {
        SyntheticRun a = new SyntheticRun();
        SyntheticRun b = new SyntheticRun();
        b.seed = 3;
        b.p99 = 60;
        b.slowConsumersAdded = 25;
        Comparison c = Comparison.of("a", metrics(a), "b", metrics(b));
        assertThat(verdict(c, Metric.DISCOVERY_P99)).isEqualTo(Verdict.BETTER);
        assertThat(verdict(c, Metric.DISCOVERY_P50)).isEqualTo(Verdict.SAME_WITHIN_NOISE);
        assertThat(verdict(c, Metric.SLOW_CONSUMERS)).isEqualTo(Verdict.WORSE);
    }

    @Test
    void aFewSlowConsumersAreWithinPoissonNoise() {
        SyntheticRun a = new SyntheticRun();
        SyntheticRun b = new SyntheticRun();
        b.slowConsumersAdded = 1;
        assertThat(verdict(Comparison.of("a", metrics(a), "b", metrics(b)), Metric.SLOW_CONSUMERS))
                .isEqualTo(Verdict.SAME_WITHIN_NOISE);
    }

    @Test
    void differentLoadIsFlaggedNotJudged() {
        SyntheticRun a = new SyntheticRun();
        SyntheticRun b = new SyntheticRun();
        b.peakNodes = 6000;
        Comparison c = Comparison.of("a", metrics(a), "b", metrics(b));
        assertThat(verdict(c, Metric.PEAK_NODES)).isEqualTo(Verdict.DIFFERENT_LOAD);
        assertThat(c.caveats()).singleElement().asString().contains("3,000 vs 6,000");
        assertThat(verdict(c, Metric.SERVER_BYTES_PER_CONNECTION)).isEqualTo(Verdict.SAME_WITHIN_NOISE);
    }

    @Test
    void aMetricOnlyOneRunHasIsNotComparable() {
        SyntheticRun a = new SyntheticRun();
        a.deadServer = 0;
        a.deadFrom = 0;
        a.servers = 1;
        SyntheticRun b = new SyntheticRun();
        Comparison c = Comparison.of("a", metrics(a), "b", metrics(b));
        assertThat(verdict(c, Metric.SERVER_BYTES_PER_CONNECTION)).isEqualTo(Verdict.NOT_COMPARABLE);
        assertThat(verdict(c, Metric.SERVER_SAMPLES_MISSING)).isEqualTo(Verdict.BETTER);
    }

    @Test
    void noiseBandIsTwoCombinedStandardErrorsWithAFivePercentFloor() {
        MetricValue a = new MetricValue(100, 3, "x");
        MetricValue b = new MetricValue(110, 4, "x");
        assertThat(Noise.band(a, b)).isEqualTo(10.0);                    // 2 * sqrt(9 + 16)
        assertThat(Noise.verdict(Direction.LOWER_IS_BETTER, a, b)).isEqualTo(Verdict.SAME_WITHIN_NOISE);
        assertThat(Noise.verdict(Direction.LOWER_IS_BETTER, a, new MetricValue(110.5, 4, "x"))).isEqualTo(Verdict.WORSE);
        assertThat(Noise.verdict(Direction.HIGHER_IS_BETTER, a, new MetricValue(110.5, 4, "x"))).isEqualTo(Verdict.BETTER);
        MetricValue exactA = new MetricValue(1000, 0, "x");
        assertThat(Noise.band(exactA, new MetricValue(1040, 0, "x"))).isEqualTo(52.0);  // 5 % of 1040
        assertThat(Noise.verdict(Direction.LOWER_IS_BETTER, exactA, new MetricValue(1040, 0, "x"))).isEqualTo(Verdict.SAME_WITHIN_NOISE);
        assertThat(Noise.verdict(Direction.LOWER_IS_BETTER, exactA, new MetricValue(Double.NaN, 0, "x"))).isEqualTo(Verdict.NOT_COMPARABLE);
    }
}
