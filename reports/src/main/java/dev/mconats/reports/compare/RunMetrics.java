package dev.mconats.reports.compare;

import dev.mconats.reports.capacity.CapacityEstimate;
import dev.mconats.reports.capacity.CpuFit;
import dev.mconats.reports.capacity.LinearFit;
import dev.mconats.reports.samples.MissingSamples;
import dev.mconats.reports.samples.Sample;
import dev.mconats.reports.samples.SampleSeries;
import dev.mconats.reports.samples.ServerSample;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/** The comparable figures of one run, each with its uncertainty and how it was obtained. */
public final class RunMetrics {
    /** Samples at or above this share of the peak node count form the "peak load" plateau. */
    public static final double PLATEAU = 0.9;

    private final Map<Metric, MetricValue> values;

    private RunMetrics(Map<Metric, MetricValue> values) {
        this.values = Collections.unmodifiableMap(values);
    }

    public Optional<MetricValue> get(Metric m) {
        return Optional.ofNullable(values.get(m));
    }

    public Map<Metric, MetricValue> all() {
        return values;
    }

    public static RunMetrics of(SampleSeries series, CapacityEstimate capacity) {
        Map<Metric, MetricValue> m = new EnumMap<>(Metric.class);
        if (series.isEmpty()) {
            return new RunMetrics(m);
        }
        m.put(Metric.PEAK_NODES, new MetricValue(series.peakNodes(), 0, "largest sampled count"));
        capacity.memory().ifPresent(f -> {
            m.put(Metric.SERVER_BYTES_PER_CONNECTION, new MetricValue(f.slope(), f.slopeStdErr(), fitBasis(f)));
            m.put(Metric.SERVER_IDLE_RSS, new MetricValue(f.intercept(), f.interceptStdErr(), fitBasis(f)));
        });
        capacity.cpu().ifPresent(c -> {
            if (Double.isFinite(c.perMessage())) {
                m.put(Metric.CPU_PER_MESSAGE, new MetricValue(c.microsPerMessage(), c.microsPerMessageStdErr(), cpuBasis(c)));
            }
            if (Double.isFinite(c.perHandshake())) {
                m.put(Metric.CPU_PER_HANDSHAKE, new MetricValue(c.millisPerHandshake(), c.millisPerHandshakeStdErr(), cpuBasis(c)));
            }
            double n = capacity.nodesAtCpuBudget();
            if (Double.isFinite(n)) {
                m.put(Metric.NODES_AT_CPU_BUDGET, new MetricValue(n, capacity.nodesAtCpuBudgetStdErr(),
                        "CPU fit, propagated standard errors", beyond(n, capacity)));
            }
        });
        double nm = capacity.nodesAtMemoryBudget();
        if (Double.isFinite(nm)) {
            m.put(Metric.NODES_AT_MEMORY_BUDGET, new MetricValue(nm, capacity.nodesAtMemoryBudgetStdErr(),
                    "memory fit, propagated standard errors", beyond(nm, capacity)));
        }
        capacity.injectorMemory().ifPresent(f ->
                m.put(Metric.INJECTOR_BYTES_PER_NODE, new MetricValue(f.slope(), f.slopeStdErr(), fitBasis(f))));
        plateauMedian(series, s -> s.injector().discoveryP50Millis()).ifPresent(v -> m.put(Metric.DISCOVERY_P50, v));
        plateauMedian(series, s -> s.injector().discoveryP99Millis()).ifPresent(v -> m.put(Metric.DISCOVERY_P99, v));
        long missing = series.samples().stream().mapToLong(s -> s.injector().discoveryRepliesMissing()).max().orElse(-1);
        if (missing >= 0) {
            m.put(Metric.DISCOVERY_REPLIES_MISSING, poisson(missing, "last cumulative count"));
        }
        long slow = slowConsumers(series);
        if (slow >= 0) {
            m.put(Metric.SLOW_CONSUMERS, poisson(slow, "increase of slow_consumers per server process"));
        }
        routePending(series).ifPresent(v -> m.put(Metric.ROUTE_PENDING_MAX, v));
        m.put(Metric.SERVER_SAMPLES_MISSING, poisson(MissingSamples.failedServerSamples(series), "count of server entries with error"));
        return new RunMetrics(m);
    }

    /** A model figure as a multiple of the largest load measured on one server. */
    private static double beyond(double nodes, CapacityEstimate c) {
        return c.measuredPerServer() > 0 ? nodes / c.measuredPerServer() : Double.POSITIVE_INFINITY;
    }

    private static String fitBasis(LinearFit f) {
        return String.format(java.util.Locale.ROOT, "least squares over %d samples, ±1 SE, R² %.3f", f.n(), f.rSquared());
    }

    private static String cpuBasis(CpuFit c) {
        return String.format(java.util.Locale.ROOT, "least squares over %d intervals, ±1 SE, R² %.3f", c.n(), c.rSquared());
    }

    /** A count's uncertainty taken as Poisson: sqrt(n). */
    private static MetricValue poisson(long n, String basis) {
        return new MetricValue(n, Math.sqrt(n), basis + ", ±sqrt(n)");
    }

    /** Median over the peak-load plateau; uncertainty = standard error of the median, 1.2533 * sd / sqrt(n). */
    static Optional<MetricValue> plateauMedian(SampleSeries series, ToDoubleFunction<Sample> f) {
        long peak = series.peakNodes();
        double[] v = series.samples().stream().filter(s -> series.nodesAt(s) >= PLATEAU * peak)
                .mapToDouble(f).filter(Double::isFinite).sorted().toArray();
        if (v.length == 0) {
            return Optional.empty();
        }
        double median = v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
        double se = v.length < 2 ? 0 : 1.2533 * sd(v) / Math.sqrt(v.length);
        return Optional.of(new MetricValue(median, se, "median of " + v.length + " samples at >= 90 % of peak nodes, ±1.2533·sd/√n"));
    }

    /** Sum over server processes of the increase of slow_consumers; -1 when no server ever answered. */
    static long slowConsumers(SampleSeries series) {
        Map<String, long[]> firstLast = new HashMap<>();
        for (Sample s : series.samples()) {
            for (ServerSample v : s.servers()) {
                if (v.ok() && v.slowConsumers() >= 0) {
                    String key = v.name() + "/" + v.serverId();
                    long[] fl = firstLast.computeIfAbsent(key, k -> new long[] {v.slowConsumers(), v.slowConsumers()});
                    fl[1] = v.slowConsumers();
                }
            }
        }
        if (firstLast.isEmpty()) {
            return -1;
        }
        return firstLast.values().stream().mapToLong(fl -> Math.max(0, fl[1] - fl[0])).sum();
    }

    /** Largest route pending seen; uncertainty = sd of the per-sample largest pending (its run-long scatter). */
    static Optional<MetricValue> routePending(SampleSeries series) {
        double[] perSample = series.samples().stream().mapToDouble(s -> s.servers().stream()
                .mapToLong(ServerSample::maxRoutePending).max().orElse(-1)).filter(x -> x >= 0).toArray();
        if (perSample.length == 0 || series.samples().stream().allMatch(s -> s.servers().stream().allMatch(v -> v.routes().isEmpty()))) {
            return Optional.empty();
        }
        double max = java.util.Arrays.stream(perSample).max().orElse(0);
        return Optional.of(new MetricValue(max, sd(perSample), "max over " + perSample.length + " samples, ±sd of per-sample max"));
    }

    private static double sd(double[] v) {
        if (v.length < 2) {
            return 0;
        }
        double mean = java.util.Arrays.stream(v).average().orElse(0);
        double ss = 0;
        for (double d : v) {
            ss += (d - mean) * (d - mean);
        }
        return Math.sqrt(ss / (v.length - 1));
    }
}
