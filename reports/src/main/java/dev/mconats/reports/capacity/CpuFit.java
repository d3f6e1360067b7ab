package dev.mconats.reports.capacity;

import java.util.List;
import java.util.Optional;
import org.apache.commons.math3.stat.regression.OLSMultipleLinearRegression;

/**
 * Server CPU explained by what the server did between two samples: cpu% = baseline + perMessage * (messages in+out
 * per second) + perHandshake * (new connections per second). Two regressors because during a ramp the TLS handshakes,
 * not the messages, dominate CPU; a regressor that never varies in the run is left out (its coefficient is NaN).
 *
 * <p>Units: cpu in percent of one core (nats-server's /varz {@code cpu}). {@link #microsPerMessage()} and
 * {@link #millisPerHandshake()} convert the coefficients into CPU time.
 */
public record CpuFit(double baseline, double perMessage, double perHandshake, double baselineStdErr,
                     double perMessageStdErr, double perHandshakeStdErr, double rSquared, int n, double maxMessageRate,
                     double maxHandshakeRate) {

    /** One interval of one server. */
    public record Point(double messagesPerSecond, double handshakesPerSecond, double cpuPercent) {
    }

    public static Optional<CpuFit> of(List<Point> points) {
        List<Point> p = points.stream().filter(x -> Double.isFinite(x.cpuPercent()) && Double.isFinite(x.messagesPerSecond())
                && Double.isFinite(x.handshakesPerSecond())).toList();
        boolean msgs = varies(p.stream().mapToDouble(Point::messagesPerSecond).toArray());
        boolean hs = varies(p.stream().mapToDouble(Point::handshakesPerSecond).toArray());
        int k = (msgs ? 1 : 0) + (hs ? 1 : 0);
        if (k == 0 || p.size() < k + 3) {
            return Optional.empty();
        }
        double[] y = new double[p.size()];
        double[][] x = new double[p.size()][k];
        for (int i = 0; i < p.size(); i++) {
            y[i] = p.get(i).cpuPercent();
            int c = 0;
            if (msgs) {
                x[i][c++] = p.get(i).messagesPerSecond();
            }
            if (hs) {
                x[i][c] = p.get(i).handshakesPerSecond();
            }
        }
        OLSMultipleLinearRegression ols = new OLSMultipleLinearRegression();
        try {
            ols.newSampleData(y, x);
            double[] b = ols.estimateRegressionParameters();
            double[] se = ols.estimateRegressionParametersStandardErrors();
            double r2 = ols.calculateRSquared();
            int c = 1;
            double pm = Double.NaN, pmSe = Double.NaN, ph = Double.NaN, phSe = Double.NaN;
            if (msgs) {
                pm = b[c];
                pmSe = se[c++];
            }
            if (hs) {
                ph = b[c];
                phSe = se[c];
            }
            return Optional.of(new CpuFit(b[0], pm, ph, se[0], pmSe, phSe, Double.isNaN(r2) ? 0 : r2, p.size(),
                    p.stream().mapToDouble(Point::messagesPerSecond).max().orElse(0),
                    p.stream().mapToDouble(Point::handshakesPerSecond).max().orElse(0)));
        } catch (IllegalArgumentException e) {
            // singular (message and handshake rates moved in lockstep) or too few points: the data cannot tell them apart
            return Optional.empty();
        }
    }

    private static boolean varies(double[] v) {
        if (v.length < 2) {
            return false;
        }
        double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
        for (double d : v) {
            min = Math.min(min, d);
            max = Math.max(max, d);
        }
        return max > min;
    }

    public double microsPerMessage() {
        return perMessage * 1e4;
    }

    public double microsPerMessageStdErr() {
        return perMessageStdErr * 1e4;
    }

    public double millisPerHandshake() {
        return perHandshake * 10;
    }

    public double millisPerHandshakeStdErr() {
        return perHandshakeStdErr * 10;
    }
}
