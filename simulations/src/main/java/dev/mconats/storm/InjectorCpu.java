package dev.mconats.storm;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * "Is it the cluster or the tool?": this injector's CPU use over time, sampled every {@value #PERIOD_MS} ms during a
 * storm, as a share of all its cores. A recovery during which the injector was saturated (above
 * {@value #SATURATED} of its cores for at least half of the window) measured the injector's own reconnect capacity,
 * not the cluster's, and is reported as such.
 */
public final class InjectorCpu implements AutoCloseable {
    public static final long PERIOD_MS = 100;
    public static final double SATURATED = 0.9;
    public static final double MOSTLY = 0.5;

    /** CPU over a window: mean share of all cores, the share of the window above {@value #SATURATED}, and the verdict. */
    public record Figures(double meanUtil, double saturatedFraction, boolean boundedByInjector, long windowMillis) {
    }

    private record Sample(long wallNanos, long cpuNanos) {
    }

    private final com.sun.management.OperatingSystemMXBean os =
            ManagementFactory.getPlatformMXBean(com.sun.management.OperatingSystemMXBean.class);
    private final int cores = Runtime.getRuntime().availableProcessors();
    private final List<Sample> samples = new ArrayList<>();
    private final long originNanos = System.nanoTime();
    private final long originMillis = System.currentTimeMillis();
    private ScheduledFuture<?> task;

    /** Starts sampling on {@code scheduler}. */
    public synchronized InjectorCpu start(ScheduledExecutorService scheduler) {
        if (task == null) {
            sample();
            task = scheduler.scheduleAtFixedRate(this::sample, PERIOD_MS, PERIOD_MS, TimeUnit.MILLISECONDS);
        }
        return this;
    }

    private synchronized void sample() {
        samples.add(new Sample(System.nanoTime(), os.getProcessCpuTime()));
    }

    /** Figures between two wall-clock instants (epoch ms); takes a fresh sample first so the window's end is covered. */
    public Figures window(long fromMillis, long toMillis) {
        sample();
        List<Sample> s;
        synchronized (this) {
            s = List.copyOf(samples);
        }
        return figures(s, toNanos(fromMillis), toNanos(Math.max(fromMillis, toMillis)), cores);
    }

    private long toNanos(long epochMillis) {
        return originNanos + (epochMillis - originMillis) * 1_000_000L;
    }

    static Figures figures(List<Sample> s, long from, long to, int cores) {
        long wall = 0;
        long cpu = 0;
        long saturated = 0;
        for (int i = 1; i < s.size(); i++) {
            Sample a = s.get(i - 1);
            Sample b = s.get(i);
            if (b.wallNanos() <= from || a.wallNanos() >= to || b.wallNanos() <= a.wallNanos()) {
                continue;
            }
            long dWall = b.wallNanos() - a.wallNanos();
            long dCpu = Math.max(0, b.cpuNanos() - a.cpuNanos());
            wall += dWall;
            cpu += dCpu;
            if ((double) dCpu / dWall / cores > SATURATED) {
                saturated += dWall;
            }
        }
        if (wall == 0) {
            return new Figures(Double.NaN, Double.NaN, false, (to - from) / 1_000_000);
        }
        double fraction = (double) saturated / wall;
        return new Figures((double) cpu / wall / cores, fraction, fraction >= MOSTLY, (to - from) / 1_000_000);
    }

    /** For tests: figures of hand-made samples ({wall ns, cpu ns} pairs). */
    static Figures figures(long[][] pairs, long from, long to, int cores) {
        List<Sample> s = new ArrayList<>();
        for (long[] p : pairs) {
            s.add(new Sample(p[0], p[1]));
        }
        return figures(s, from, to, cores);
    }

    @Override
    public synchronized void close() {
        if (task != null) {
            task.cancel(false);
        }
    }
}
