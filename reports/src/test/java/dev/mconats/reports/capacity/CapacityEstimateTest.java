package dev.mconats.reports.capacity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.mconats.reports.samples.SyntheticRun;
import java.util.List;
import org.junit.jupiter.api.Test;

class CapacityEstimateTest {
    @Test
    void lineFitRecoversSlopeAndInterceptWithTheirErrors() {
        double[] x = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = 10 + 3 * x[i] + (i % 2 == 0 ? 0.5 : -0.5);
        }
        LinearFit f = LinearFit.of(x, y).orElseThrow();
        assertThat(f.slope()).isCloseTo(3.0, within(0.1));
        assertThat(f.intercept()).isCloseTo(10.0, within(0.6));
        assertThat(f.slopeStdErr()).isPositive().isLessThan(0.1);
        assertThat(f.xAt(40)).isCloseTo(10.0, within(0.3));
        assertThat(f.xMin()).isZero();
        assertThat(f.xMax()).isEqualTo(9.0);
    }

    @Test
    void nothingToFitWhenXNeverVaries() {
        assertThat(LinearFit.of(new double[] {5, 5, 5, 5}, new double[] {1, 2, 3, 4})).isEmpty();
        assertThat(LinearFit.of(new double[] {1, 2}, new double[] {1, 2})).isEmpty();
    }

    @Test
    void memoryFitRecoversBytesPerConnectionAndExtrapolatesToTheBudget() {
        SyntheticRun run = new SyntheticRun();
        CapacityEstimate c = CapacityEstimate.of(run.series(), CapacityBudget.DEFAULT);
        LinearFit m = c.memory().orElseThrow();
        assertThat(m.slope()).isCloseTo(run.bytesPerConn, within(4 * m.slopeStdErr() + 1));
        assertThat(m.intercept()).isCloseTo(run.idleBytes, within(4 * m.interceptStdErr() + 1));
        assertThat(m.xMax()).isEqualTo(1000.0);
        double expected = ((8L << 30) - run.idleBytes) / run.bytesPerConn;
        assertThat(c.nodesAtMemoryBudget()).isCloseTo(expected, within(expected * 0.02));
        assertThat(c.nodesAtMemoryBudgetStdErr()).isPositive().isLessThan(expected * 0.02);
        assertThat(c.rssAt(10_000)).isCloseTo(run.idleBytes + 10_000 * run.bytesPerConn, within(3e6));
    }

    @Test
    void cpuFitSeparatesMessagesFromHandshakes() {
        SyntheticRun run = new SyntheticRun();
        CapacityEstimate c = CapacityEstimate.of(run.series(), CapacityBudget.DEFAULT);
        CpuFit f = c.cpu().orElseThrow();
        assertThat(f.microsPerMessage()).isCloseTo(run.cpuPerMsg * 1e4, within(4 * f.microsPerMessageStdErr()));
        assertThat(f.millisPerHandshake()).isCloseTo(run.cpuPerHandshake * 10, within(4 * f.millisPerHandshakeStdErr()));
        // 100 % budget, one discovery per 10 s, 2 messages per node per discovery
        double expected = (100 - run.cpu0) / (run.cpuPerMsg * 2 * 0.1);
        assertThat(c.nodesAtCpuBudget()).isCloseTo(expected, within(expected * 0.15));
        assertThat(c.handshakesPerSecondAtCpuBudget()).isCloseTo((100 - run.cpu0) / run.cpuPerHandshake, within(40.0));
        assertThat(c.memoryReliable()).isTrue();
        assertThat(c.cpuReliable()).isTrue();
        assertThat(c.modelNodesPerServer()).isEqualTo(Math.min(c.nodesAtCpuBudget(), c.nodesAtMemoryBudget()));
    }

    @Test
    void aCostKnownOnlyRoughlyGivesNoHeadlineEstimate() {
        SyntheticRun run = new SyntheticRun();
        run.peakNodes = 90;             // 30 connections per server: RSS noise swamps 56 KB per connection
        run.rssNoise = 5_000_000;
        run.cpuNoise = 3;
        CapacityEstimate c = CapacityEstimate.of(run.series(), CapacityBudget.DEFAULT);
        assertThat(c.memory()).isPresent();
        assertThat(c.memoryReliable()).isFalse();
        assertThat(c.cpuReliable()).isFalse();
        assertThat(c.modelNodesPerServer()).isNaN();
        // max_connections still caps a server, but with no model it says nothing about what the server can do below it
        assertThat(c.bound().limit()).isEqualTo(Limit.MAX_CONNECTIONS);
        assertThat(c.bound().nodes()).isEqualTo(65536.0);
        assertThat(c.bound().low()).isNaN();
    }

    @Test
    void cpuFitDropsARegressorThatNeverVaries() {
        List<CpuFit.Point> p = List.of(new CpuFit.Point(0, 0, 1), new CpuFit.Point(1000, 0, 1.4), new CpuFit.Point(2000, 0, 1.8),
                new CpuFit.Point(3000, 0, 2.2), new CpuFit.Point(4000, 0, 2.6));
        CpuFit f = CpuFit.of(p).orElseThrow();
        assertThat(f.perHandshake()).isNaN();
        assertThat(f.microsPerMessage()).isCloseTo(4.0, within(1e-6));
    }

    @Test
    void aServerThatDiedStillLeavesAnEstimateFromTheOthers() {
        SyntheticRun run = new SyntheticRun();
        run.deadServer = 2;
        run.deadFrom = 70;
        CapacityEstimate c = CapacityEstimate.of(run.series(), CapacityBudget.DEFAULT);
        assertThat(c.memory().orElseThrow().n()).isEqualTo(3 * 70 + 2 * 50);
        assertThat(c.memory().get().slope()).isCloseTo(run.bytesPerConn, within(2000.0));
        assertThat(c.notes()).isEmpty();
    }

    @Test
    void flatConnectionsGiveANoteNotAnEstimate() {
        SyntheticRun run = new SyntheticRun();
        run.rampSamples = 1;
        run.peakNodes = 30;
        CapacityEstimate c = CapacityEstimate.of(run.series(), CapacityBudget.DEFAULT);
        assertThat(c.memory()).isEmpty();
        assertThat(c.nodesAtMemoryBudget()).isNaN();
        assertThat(c.notes()).anyMatch(n -> n.contains("connections did not vary"));
    }

    @Test
    void aModelBeyondMaxConnectionsIsBoundedByItAndLabelledAnExtrapolation() {
        SyntheticRun run = new SyntheticRun();
        run.peakNodes = 90;             // 30 connections per server, little noise: a reliable fit from a tiny range
        run.rssNoise = 20_000;
        run.maxConnections = 1000;
        CapacityEstimate c = CapacityEstimate.of(run.series(), CapacityBudget.DEFAULT);
        assertThat(c.memoryReliable()).isTrue();
        assertThat(c.modelNodesPerServer()).isGreaterThan(100_000);
        assertThat(c.measuredPerServer()).isEqualTo(30);
        assertThat(c.measuredFleet()).isEqualTo(90);
        assertThat(c.servers()).isEqualTo(3);
        CapacityEstimate.Bound b = c.bound();
        assertThat(b.limit()).isEqualTo(Limit.MAX_CONNECTIONS);
        assertThat(b.nodes()).isEqualTo(1000.0);
        assertThat(b.high()).isEqualTo(1000.0);
        assertThat(c.extrapolation()).isCloseTo(1000 / 30.0, within(1e-9));
        assertThat(c.isExtrapolation()).isTrue();
    }

    @Test
    void theOpenFilesLimitLessTheServersOwnFilesBindsBelowMaxConnections() {
        SyntheticRun run = new SyntheticRun();
        run.openFilesLimit = 20_000;
        run.otherOpenFiles = 14;
        CapacityEstimate c = CapacityEstimate.of(run.series(), CapacityBudget.DEFAULT);
        assertThat(c.limits().openFilesLimit()).isEqualTo(20_000);
        assertThat(c.limits().otherOpenFiles()).isEqualTo(14);
        assertThat(c.limits().openFilesSource()).isEqualTo("/proc/<pid>/limits");
        assertThat(c.bound().limit()).isEqualTo(Limit.OPEN_FILES);
        assertThat(c.bound().nodes()).isEqualTo(19_986.0);
        assertThat(c.isExtrapolation()).as("19,986 against 1,000 measured per server").isTrue();
    }

    @Test
    void aModelWithinTheMeasuredRangeIsNoExtrapolationAndKeepsItsBand() {
        SyntheticRun run = new SyntheticRun();
        // a budget the run nearly reached: 2,000 connections' worth of memory, 1,000 measured per server
        CapacityBudget small = new CapacityBudget((long) (run.idleBytes + 2000 * run.bytesPerConn), 100, 0.1);
        CapacityEstimate c = CapacityEstimate.of(run.series(), small);
        CapacityEstimate.Bound b = c.bound();
        assertThat(b.limit()).isEqualTo(Limit.MEMORY);
        assertThat(b.nodes()).isCloseTo(2000.0, within(40.0));
        assertThat(b.low()).isLessThan(b.nodes()).isGreaterThan(1900);
        assertThat(b.high()).isGreaterThan(b.nodes()).isLessThan(2100);
        assertThat(c.extrapolation()).isCloseTo(2.0, within(0.05));
        assertThat(c.isExtrapolation()).isFalse();
    }

    @Test
    void losingAMemberLeavesTheSurvivorsTheFleet() {
        assertThat(Redundancy.allUp(3, 1000)).isEqualTo(3000.0);
        assertThat(Redundancy.oneDown(3, 1000)).isEqualTo(2000.0);
        assertThat(Redundancy.oneDown(1, 1000)).isZero();
        // 10,000 nodes at 1,000 per server: 10 hold them, one more survives the loss of any one
        assertThat(Redundancy.serversFor(10_000, 1000)).isEqualTo(11);
        assertThat(Redundancy.serversFor(10_001, 1000)).isEqualTo(12);
        assertThat(Redundancy.serversFor(10_000, Double.NaN)).isEqualTo(-1);
        // rolling restart of 3: the first member's half goes to each of the others (1/2 each), the second's half is
        // split between the first (now empty) and the third: 1/4 and 3/4
        assertThat(Redundancy.rollingRestartPeakShare(2)).isEqualTo(1.0);
        assertThat(Redundancy.rollingRestartPeakShare(3)).isCloseTo(0.75, within(1e-12));
        assertThat(Redundancy.rollingRestartPeakShare(4)).isCloseTo(16 / 27.0, within(1e-12));
        assertThat(Redundancy.rollingRestart(3, 1000)).isCloseTo(4000 / 3.0, within(1e-9));
    }
}
