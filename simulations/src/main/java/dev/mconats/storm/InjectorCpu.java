package dev.mconats.storm;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * "Is it the cluster or the tool?": this injector's CPU use over time, sampled every {@value #PERIOD_MS} ms during a
 * storm, as a share of all its cores, next to the whole machine's (from /proc/stat). A recovery during which the
 * injector was saturated (above {@value #SATURATED} of its cores for at least half of the window) measured the
 * injector's own reconnect capacity, not the cluster's; one during which the machine was saturated measured what the
 * machine could give everything on it (the injector, local servers, anyone else), and is reported as such too.
 */
public final class InjectorCpu implements AutoCloseable {
    public static final long PERIOD_MS = 100;
    public static final double SATURATED = 0.9;
    public static final double MOSTLY = 0.5;

    /**
     * CPU over a window: the injector's mean share of all cores and the share of the window it was above
     * {@value #SATURATED}, the same for the whole machine (NaN where there is no /proc/stat), and the verdicts.
     */
    public record Figures(double meanUtil, double saturatedFraction, boolean boundedByInjector, double machineUtil,
                          double machineSaturatedFraction, long windowMillis) {
        public boolean machineSaturated() {
            return machineSaturatedFraction >= MOSTLY;
        }
    }

    /** @param machineBusy machine CPU busy time in clock ticks (all cores), -1 when unknown */
    private record Sample(long wallNanos, long cpuNanos, long machineBusy, long machineTotal) {
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
        long[] m = machineTicks();
        samples.add(new Sample(System.nanoTime(), os.getProcessCpuTime(), m[0], m[1]));
    }

    /** Busy and total clock ticks of all cores from /proc/stat's first line; {-1, -1} where there is none. */
    static long[] machineTicks() {
        try (var r = java.nio.file.Files.newBufferedReader(java.nio.file.Path.of("/proc/stat"))) {
            String[] f = r.readLine().trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < f.length && i <= 8; i++) { // user nice system idle iowait irq softirq steal
                total += Long.parseLong(f[i]);
            }
            long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
            return new long[] {total - idle, total};
        } catch (Exception e) {
            return new long[] {-1, -1};
        }
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
        long machineWall = 0;
        long machineSaturated = 0;
        long busy = 0;
        long total = 0;
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
            long dTotal = b.machineTotal() - a.machineTotal();
            if (a.machineTotal() >= 0 && dTotal > 0) {
                long dBusy = Math.max(0, b.machineBusy() - a.machineBusy());
                busy += dBusy;
                total += dTotal;
                machineWall += dWall;
                if ((double) dBusy / dTotal > SATURATED) {
                    machineSaturated += dWall;
                }
            }
        }
        long window = (to - from) / 1_000_000;
        double machine = total == 0 ? Double.NaN : (double) busy / total;
        double machineFraction = machineWall == 0 ? Double.NaN : (double) machineSaturated / machineWall;
        if (wall == 0) {
            return new Figures(Double.NaN, Double.NaN, false, machine, machineFraction, window);
        }
        double fraction = (double) saturated / wall;
        return new Figures((double) cpu / wall / cores, fraction, fraction >= MOSTLY, machine, machineFraction, window);
    }

    /** For tests: figures of hand-made samples ({wall ns, cpu ns[, machine busy, machine total ticks]}). */
    static Figures figures(long[][] rows, long from, long to, int cores) {
        List<Sample> s = new ArrayList<>();
        for (long[] p : rows) {
            s.add(new Sample(p[0], p[1], p.length > 2 ? p[2] : -1, p.length > 3 ? p[3] : -1));
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
