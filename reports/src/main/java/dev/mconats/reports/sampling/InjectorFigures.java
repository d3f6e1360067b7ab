package dev.mconats.reports.sampling;

/**
 * What the load injector reports at one sampling instant. Unknown figures are -1 (counts) or NaN (measures) and are
 * written as JSON {@code null}, so a report never mistakes "not measured" for zero.
 *
 * @param liveNodes               simulated nodes currently connected
 * @param jvmRssBytes             the injector JVM's resident memory
 * @param cpuPercent              the injector's CPU use since the previous sample, percent of one core
 * @param discoveryP50Millis      median discovery latency (request sent to reply received) of recent discoveries
 * @param discoveryP99Millis      99th percentile of the same
 * @param discoveryRepliesMissing replies that never arrived so far (expected minus received), cumulative
 */
public record InjectorFigures(long liveNodes, long jvmRssBytes, double cpuPercent, double discoveryP50Millis,
                              double discoveryP99Millis, long discoveryRepliesMissing) {
    public static final long UNKNOWN = -1;
    private static final InjectorFigures NONE =
            new InjectorFigures(UNKNOWN, UNKNOWN, Double.NaN, Double.NaN, Double.NaN, UNKNOWN);

    /** No injector figures at all (e.g. sampling servers with no load running). */
    public static InjectorFigures none() {
        return NONE;
    }

    /** This JVM's RSS and CPU, plus the figures only the simulation knows. */
    public static InjectorFigures ofThisProcess(long liveNodes, double discoveryP50Millis, double discoveryP99Millis,
                                                long discoveryRepliesMissing) {
        return new InjectorFigures(liveNodes, ThisProcess.rssBytes(), ThisProcess.cpuPercent(), discoveryP50Millis,
                discoveryP99Millis, discoveryRepliesMissing);
    }

    /** This JVM's RSS and CPU while no discovery has run yet. */
    public static InjectorFigures ofThisProcess(long liveNodes) {
        return ofThisProcess(liveNodes, Double.NaN, Double.NaN, UNKNOWN);
    }

    public boolean isNone() {
        return liveNodes < 0 && jvmRssBytes < 0 && Double.isNaN(cpuPercent) && Double.isNaN(discoveryP50Millis)
                && Double.isNaN(discoveryP99Millis) && discoveryRepliesMissing < 0;
    }
}
