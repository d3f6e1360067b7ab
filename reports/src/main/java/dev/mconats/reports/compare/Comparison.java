package dev.mconats.reports.compare;

import java.util.ArrayList;
import java.util.List;

/**
 * Run B against run A (A is the baseline, e.g. before an upgrade): per metric the delta and a verdict by the
 * {@link Noise} rule, plus caveats (a different load makes totals incomparable, per-unit figures stay comparable).
 */
public record Comparison(String runA, String runB, List<Row> rows, List<String> caveats) {

    public record Row(Metric metric, MetricValue a, MetricValue b, double delta, double deltaPercent, double noise,
                      Verdict verdict) {
    }

    public static Comparison of(String runA, RunMetrics a, String runB, RunMetrics b) {
        List<Row> rows = new ArrayList<>();
        for (Metric m : Metric.values()) {
            MetricValue va = a.get(m).orElse(null);
            MetricValue vb = b.get(m).orElse(null);
            if (va == null && vb == null) {
                continue;
            }
            Verdict v = Noise.verdict(m.direction(), va, vb);
            double delta = v == Verdict.NOT_COMPARABLE ? Double.NaN : vb.value() - va.value();
            double pct = v == Verdict.NOT_COMPARABLE || va.value() == 0 ? Double.NaN : 100 * delta / Math.abs(va.value());
            double noise = v == Verdict.NOT_COMPARABLE ? Double.NaN : Noise.band(va, vb);
            rows.add(new Row(m, va, vb, delta, pct, noise, v));
        }
        List<String> caveats = new ArrayList<>();
        rows.stream().filter(r -> r.metric() == Metric.PEAK_NODES && r.verdict() == Verdict.DIFFERENT_LOAD).findFirst()
                .ifPresent(r -> caveats.add(String.format(java.util.Locale.ROOT,
                        "the runs reached different loads (%,.0f vs %,.0f nodes): per-connection and per-message "
                                + "figures stay comparable, latencies and totals less so", r.a().value(), r.b().value())));
        return new Comparison(runA, runB, List.copyOf(rows), List.copyOf(caveats));
    }

    public long count(Verdict v) {
        return rows.stream().filter(r -> r.verdict() == v).count();
    }
}
