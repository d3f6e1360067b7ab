package dev.mconats.reports.samples;

/** The injector's figures in one sample; unknown counts are -1, unknown measures NaN. */
public record InjectorSample(long liveNodes, long rssBytes, double cpuPercent, double discoveryP50Millis,
                             double discoveryP99Millis, long discoveryRepliesMissing, String error) {
    public static final InjectorSample ABSENT = new InjectorSample(-1, -1, Double.NaN, Double.NaN, Double.NaN, -1, null);

    public boolean ok() {
        return error == null;
    }
}
