package dev.mconats.reports.compare;

/**
 * The noise band within which two figures count as the same:
 * {@code noise = max(2 * sqrt(uA^2 + uB^2), 5 % of max(|A|, |B|))}, where uA and uB are the runs' own uncertainties
 * (standard errors). Two standard errors of the difference is a ~95 % band; the 5 % floor covers what the runs' own
 * scatter does not show (run-to-run variation of the machine, sampling instants, page-granular RSS).
 */
public final class Noise {
    public static final double SIGMAS = 2.0;
    public static final double RELATIVE_FLOOR = 0.05;

    private Noise() {
    }

    public static double band(MetricValue a, MetricValue b) {
        double stat = SIGMAS * Math.hypot(a.uncertainty(), b.uncertainty());
        double floor = RELATIVE_FLOOR * Math.max(Math.abs(a.value()), Math.abs(b.value()));
        return Math.max(stat, floor);
    }

    public static Verdict verdict(Direction direction, MetricValue a, MetricValue b) {
        if (a == null || b == null || !Double.isFinite(a.value()) || !Double.isFinite(b.value())) {
            return Verdict.NOT_COMPARABLE;
        }
        double delta = b.value() - a.value();
        if (Math.abs(delta) <= band(a, b)) {
            return Verdict.SAME_WITHIN_NOISE;
        }
        return switch (direction) {
            case CONTEXT -> Verdict.DIFFERENT_LOAD;
            case LOWER_IS_BETTER -> delta < 0 ? Verdict.BETTER : Verdict.WORSE;
            case HIGHER_IS_BETTER -> delta > 0 ? Verdict.BETTER : Verdict.WORSE;
        };
    }
}
