package dev.mconats.storm;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class InjectorCpuTest {
    private static final long MS = 1_000_000L;

    @Test
    void saturatedForMostOfTheWindowMeansBoundedByTheInjector() {
        // 2 cores; 100 ms intervals: 4 of them at 1.9 cores (95 %), 1 at 0.2 cores
        long[][] samples = {{0, 0}, {100 * MS, 190 * MS}, {200 * MS, 380 * MS}, {300 * MS, 570 * MS}, {400 * MS, 760 * MS},
                {500 * MS, 780 * MS}};
        InjectorCpu.Figures f = InjectorCpu.figures(samples, 0, 500 * MS, 2);
        assertThat(f.saturatedFraction()).isEqualTo(0.8);
        assertThat(f.meanUtil()).isEqualTo(0.78);
        assertThat(f.boundedByInjector()).isTrue();
    }

    @Test
    void busyButNotSaturatedIsTheCluster() {
        long[][] samples = {{0, 0}, {100 * MS, 170 * MS}, {200 * MS, 340 * MS}, {300 * MS, 530 * MS}};
        InjectorCpu.Figures f = InjectorCpu.figures(samples, 0, 300 * MS, 2);
        assertThat(f.saturatedFraction()).isEqualTo(1.0 / 3, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(f.boundedByInjector()).isFalse();
    }

    @Test
    void aSaturatedMachineIsToldApartFromASaturatedInjector() {
        // the injector uses 20 % of the 2 cores while the machine's cores are 95 % busy (ticks: busy, total)
        long[][] samples = {{0, 0, 0, 0}, {100 * MS, 40 * MS, 19, 20}, {200 * MS, 80 * MS, 38, 40}, {300 * MS, 120 * MS, 57, 60}};
        InjectorCpu.Figures f = InjectorCpu.figures(samples, 0, 300 * MS, 2);
        assertThat(f.boundedByInjector()).isFalse();
        assertThat(f.meanUtil()).isEqualTo(0.2, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(f.machineUtil()).isEqualTo(0.95);
        assertThat(f.machineSaturated()).isTrue();
        assertThat(InjectorCpu.figures(new long[][] {{0, 0}, {100 * MS, 10 * MS}}, 0, 100 * MS, 2).machineUtil())
                .as("no /proc/stat: unknown, not idle").isNaN();
    }

    @Test
    void onlyTheWindowCountsAndNoSampleIsNotAFigure() {
        long[][] samples = {{0, 0}, {100 * MS, 200 * MS}, {200 * MS, 210 * MS}, {300 * MS, 220 * MS}};
        assertThat(InjectorCpu.figures(samples, 150 * MS, 300 * MS, 2).boundedByInjector()).isFalse();
        assertThat(InjectorCpu.figures(samples, 0, 90 * MS, 2).boundedByInjector()).isTrue();
        assertThat(InjectorCpu.figures(new long[][] {{0, 0}}, 0, 100 * MS, 2).meanUtil()).isNaN();
    }
}
