package dev.mconats.reports.compare;

/**
 * A figure of one run with its own uncertainty (one standard error, or the stated stand-in for it).
 *
 * @param basis         how the value and its uncertainty were obtained, shown in the report
 * @param extrapolation for a model figure, how many times the largest load measured it is (NaN otherwise): beyond
 *                      {@link dev.mconats.reports.capacity.CapacityEstimate#EXTRAPOLATION_LIMIT} it is labelled so
 */
public record MetricValue(double value, double uncertainty, String basis, double extrapolation) {
    public MetricValue {
        if (!Double.isFinite(uncertainty) || uncertainty < 0) {
            uncertainty = 0;
        }
    }

    public MetricValue(double value, double uncertainty, String basis) {
        this(value, uncertainty, basis, Double.NaN);
    }

    public boolean isExtrapolation() {
        return extrapolation > dev.mconats.reports.capacity.CapacityEstimate.EXTRAPOLATION_LIMIT;
    }
}
