package dev.mconats.reports.compare;

/**
 * A figure of one run with its own uncertainty (one standard error, or the stated stand-in for it).
 *
 * @param basis how the value and its uncertainty were obtained, shown in the report
 */
public record MetricValue(double value, double uncertainty, String basis) {
    public MetricValue {
        if (!Double.isFinite(uncertainty) || uncertainty < 0) {
            uncertainty = 0;
        }
    }
}
