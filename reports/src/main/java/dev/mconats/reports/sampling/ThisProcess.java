package dev.mconats.reports.sampling;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * This JVM's resident memory and recent CPU use, in the units nats-server reports for itself in /varz (bytes, and
 * percent of one core over the last interval), so injector and server figures can share a chart.
 */
final class ThisProcess {
    private static final Path STATUS = Path.of("/proc/self/status");
    private static final com.sun.management.OperatingSystemMXBean OS =
            ManagementFactory.getPlatformMXBean(com.sun.management.OperatingSystemMXBean.class);

    private static long lastCpuNanos = -1;
    private static long lastWallNanos;

    private ThisProcess() {
    }

    /** VmRSS from /proc/self/status, or -1 where there is no procfs. */
    static long rssBytes() {
        try {
            for (String line : Files.readAllLines(STATUS)) {
                if (line.startsWith("VmRSS:")) {
                    String[] f = line.substring(6).trim().split("\\s+");
                    return Long.parseLong(f[0]) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            // no procfs (or an unexpected format): the figure is unknown, not zero
        }
        return -1;
    }

    /**
     * CPU time used since the previous call divided by the wall time since then, in percent of one core (can exceed
     * 100 on several cores). The first call measures since JVM start. NaN where the JVM does not expose CPU time.
     */
    static synchronized double cpuPercent() {
        long cpu = OS == null ? -1 : OS.getProcessCpuTime();
        if (cpu < 0) {
            return Double.NaN;
        }
        long wall = System.nanoTime();
        long dCpu;
        long dWall;
        if (lastCpuNanos < 0) {
            dCpu = cpu;
            dWall = ManagementFactory.getRuntimeMXBean().getUptime() * 1_000_000L;
        } else {
            dCpu = cpu - lastCpuNanos;
            dWall = wall - lastWallNanos;
        }
        lastCpuNanos = cpu;
        lastWallNanos = wall;
        return dWall <= 0 ? Double.NaN : 100.0 * dCpu / dWall;
    }
}
