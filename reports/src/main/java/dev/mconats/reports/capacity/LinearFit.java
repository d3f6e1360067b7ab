package dev.mconats.reports.capacity;

import java.util.Optional;
import org.apache.commons.math3.stat.regression.SimpleRegression;

/**
 * Ordinary least-squares line y = intercept + slope * x, with the standard errors of both coefficients and the range
 * of x it rests on (an estimate outside that range is an extrapolation, and the report says so).
 */
public record LinearFit(double intercept, double slope, double interceptStdErr, double slopeStdErr, double rSquared,
                        int n, double xMin, double xMax) {

    /** Empty when there are fewer than 3 points or x never varies (nothing to fit). */
    public static Optional<LinearFit> of(double[] x, double[] y) {
        if (x.length != y.length) {
            throw new IllegalArgumentException("x and y differ in length");
        }
        SimpleRegression r = new SimpleRegression(true);
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < x.length; i++) {
            if (Double.isFinite(x[i]) && Double.isFinite(y[i])) {
                r.addData(x[i], y[i]);
                min = Math.min(min, x[i]);
                max = Math.max(max, x[i]);
            }
        }
        if (r.getN() < 3 || max <= min) {
            return Optional.empty();
        }
        double r2 = r.getRSquare();
        return Optional.of(new LinearFit(r.getIntercept(), r.getSlope(), r.getInterceptStdErr(), r.getSlopeStdErr(),
                Double.isNaN(r2) ? 1.0 : r2, (int) r.getN(), min, max));
    }

    public double at(double x) {
        return intercept + slope * x;
    }

    /** The x at which the line reaches y; NaN when the slope is not positive (y does not grow with x). */
    public double xAt(double y) {
        return slope > 0 ? (y - intercept) / slope : Double.NaN;
    }

    /** Standard error of {@link #xAt(double)}, propagated from both coefficients (treated as independent). */
    public double xAtStdErr(double y) {
        double x = xAt(y);
        if (Double.isNaN(x)) {
            return Double.NaN;
        }
        double relSlope = slopeStdErr / slope;
        double relNum = interceptStdErr / Math.abs(y - intercept);
        return Math.abs(x) * Math.sqrt(relSlope * relSlope + relNum * relNum);
    }
}
