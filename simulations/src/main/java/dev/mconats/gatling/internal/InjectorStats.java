package dev.mconats.gatling.internal;

import dev.mconats.reports.sampling.ProcStat;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * The injector's own record of what it measured, next to Gatling's: per request name a histogram of OK response
 * times and OK/KO counts (for load-summary.json, and mergeable across injectors later since HdrHistograms add up),
 * per-reply discovery latencies for the live samples, and the CPU spent while the fleet connected (client side, and
 * server side when the servers are local processes whose PIDs we were given).
 */
public final class InjectorStats {
    private static final long MAX_MILLIS = 3_600_000;

    private final Map<String, RequestStats> requests = new ConcurrentHashMap<>();
    private final Recorder replyLatency = new Recorder(MAX_MILLIS, 3);
    // The same values again for the mergeable interval log: a Recorder hands each interval to one reader only.
    private final Map<String, Recorder> intervals = new ConcurrentHashMap<>();
    private final AtomicLong repliesExpected = new AtomicLong();
    private final AtomicLong repliesReceived = new AtomicLong();
    private final AtomicLong duplicateReplies = new AtomicLong();
    private final AtomicLong missingReplies = new AtomicLong();
    private final AtomicReference<LastBroadcast> lastBroadcast = new AtomicReference<>();
    private final List<Long> serverPids;
    private final AtomicLong firstConnectMillis = new AtomicLong(Long.MAX_VALUE);
    private final AtomicLong lastConnectMillis = new AtomicLong();
    private volatile CpuSnapshot connectStartCpu;
    private volatile CpuSnapshot connectEndCpu;
    private volatile double lastP50 = Double.NaN;
    private volatile long baselineRss = -1;
    private final AtomicLong settles = new AtomicLong();
    private final AtomicLong settleMillis = new AtomicLong();
    private final AtomicLong settleMaxMillis = new AtomicLong();
    private volatile Map<String, Object> steady = Map.of();
    private volatile double lastP99 = Double.NaN;

    public InjectorStats(List<Long> serverPids) {
        this.serverPids = List.copyOf(serverPids);
    }

    /** One Gatling request outcome. */
    public void record(String name, long startMillis, long endMillis, boolean ok) {
        long millis = Math.max(0, endMillis - startMillis);
        requests.computeIfAbsent(name, n -> new RequestStats()).record(millis, ok);
        if (ok) {
            interval(name).recordValue(Math.min(millis, MAX_MILLIS));
        }
    }

    /** One discovery reply: request sent to this reply received. */
    public void replyLatency(long millis) {
        long v = Math.max(0, Math.min(millis, MAX_MILLIS));
        replyLatency.recordValue(v);
        interval(REPLY).recordValue(v);
    }

    /** Name under which per-reply latencies appear in {@link #intervalHistograms()}. */
    public static final String REPLY = "reply";

    private Recorder interval(String name) {
        return intervals.computeIfAbsent(name, n -> new Recorder(MAX_MILLIS, 3));
    }

    /** Per request name (and {@link #REPLY}), the OK response times recorded since the previous call. */
    public Map<String, Histogram> intervalHistograms() {
        Map<String, Histogram> out = new LinkedHashMap<>();
        intervals.forEach((name, r) -> out.put(name, r.getIntervalHistogram()));
        return out;
    }

    /** The outcome of one broadcast: replies the client expected, counted (distinct senders) and saw twice. */
    public void broadcastReplies(long expected, long received, long duplicates) {
        repliesExpected.addAndGet(expected);
        repliesReceived.addAndGet(received);
        duplicateReplies.addAndGet(duplicates);
    }

    /** The latest completed broadcast: its name, time to all replies (or to its deadline), replies expected and missing. */
    public record LastBroadcast(String name, long millis, long expected, long missing, long atMillis) {
    }

    /** One broadcast ended (discovery): kept as the latest, for the live progress view. */
    public void broadcastDone(String name, long startMillis, long endMillis, long expected, long received) {
        LastBroadcast b = new LastBroadcast(name, Math.max(0, endMillis - startMillis), expected, Math.max(0, expected - received), endMillis);
        lastBroadcast.accumulateAndGet(b, (old, now) -> old == null || now.atMillis() >= old.atMillis() ? now : old);
    }

    public Optional<LastBroadcast> lastBroadcast() {
        return Optional.ofNullable(lastBroadcast.get());
    }

    public long repliesExpected() {
        return repliesExpected.get();
    }

    public long repliesReceived() {
        return repliesReceived.get();
    }

    public long duplicateReplies() {
        return duplicateReplies.get();
    }

    /** OK and KO count of a request name so far. */
    public long[] okKo(String name) {
        RequestStats r = requests.get(name);
        return r == null ? new long[] {0, 0} : new long[] {r.ok(), r.ko()};
    }

    public java.util.Set<String> requestNames() {
        return java.util.Set.copyOf(requests.keySet());
    }

    public long baselineRss() {
        return baselineRss;
    }

    /** RSS at steady state, or -1 before it was taken. */
    public long steadyRss() {
        Object v = steady.get("rss_bytes");
        return v instanceof Long l ? l : -1;
    }

    public void missingReplies(long n) {
        missingReplies.addAndGet(n);
    }

    public long missingReplies() {
        return missingReplies.get();
    }

    /** Called when a connect attempt starts: the first one takes the CPU baseline of the connect phase. */
    public void connectStarted(long atMillis) {
        firstConnectMillis.accumulateAndGet(atMillis, Math::min);
        if (connectStartCpu == null) {
            synchronized (this) {
                if (connectStartCpu == null) {
                    connectStartCpu = CpuSnapshot.take(serverPids);
                }
            }
        }
    }

    /**
     * Called after each successful connect: the last one marks the end of the connect phase. The CPU reading at the
     * end is taken at most every {@value #CPU_SAMPLE_MILLIS} ms (a /proc read per server is not free at a thousand
     * connects per second), so it may precede the last connect by that much.
     */
    public void connected(long atMillis) {
        lastConnectMillis.accumulateAndGet(atMillis, Math::max);
        long previous = lastCpuSampleMillis.get();
        if (atMillis - previous >= CPU_SAMPLE_MILLIS && lastCpuSampleMillis.compareAndSet(previous, atMillis)) {
            connectEndCpu = CpuSnapshot.take(serverPids);
        }
    }

    private static final long CPU_SAMPLE_MILLIS = 20;
    private final AtomicLong lastCpuSampleMillis = new AtomicLong();

    /** Reply-latency percentiles since the previous call (NaN, NaN when no reply arrived in between: kept from before). */
    public synchronized double[] recentReplyLatency() {
        Histogram h = replyLatency.getIntervalHistogram();
        if (h.getTotalCount() > 0) {
            lastP50 = h.getValueAtPercentile(50);
            lastP99 = h.getValueAtPercentile(99);
        }
        return new double[] {lastP50, lastP99};
    }

    /** Memory and threads of this JVM now, with the live node count: taken at steady state, before nodes leave. */
    public void steadyState(int liveNodes) {
        Runtime rt = Runtime.getRuntime();
        Map<String, Object> m = new LinkedHashMap<>();
        long rss = rssBytes();
        m.put("live_nodes", liveNodes);
        m.put("rss_bytes", rss);
        m.put("heap_used_bytes", rt.totalMemory() - rt.freeMemory());
        m.put("os_threads", ManagementFactory.getThreadMXBean().getThreadCount());
        if (liveNodes > 0 && rss > 0) {
            m.put("rss_per_node_bytes", rss / liveNodes);
            if (baselineRss > 0) {
                m.put("rss_above_baseline_per_node_bytes", (rss - baselineRss) / liveNodes);
            }
        }
        steady = m;
    }

    /** One collection of the injector's heap between rounds, and how long it stopped the JVM. */
    public void recordSettle(long millis) {
        settles.incrementAndGet();
        settleMillis.addAndGet(millis);
        settleMaxMillis.accumulateAndGet(millis, Math::max);
    }

    /** RSS before any node connected. */
    public void baseline() {
        baselineRss = rssBytes();
    }

    public Map<String, Object> memorySummary() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("baseline_rss_bytes", baselineRss);
        m.put("steady_state", steady);
        m.put("settle_collections", settles.get());
        m.put("settle_total_ms", settleMillis.get());
        m.put("settle_max_ms", settleMaxMillis.get());
        return m;
    }

    /** VmRSS of this process from /proc/self/status; -1 where there is no procfs. */
    static long rssBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (Exception e) {
            return -1;
        }
        return -1;
    }

    /** Per request name: count, ok, ko and OK response-time percentiles in ms. */
    public Map<String, Map<String, Object>> requestSummary() {
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        requests.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> out.put(e.getKey(), e.getValue().summary()));
        return out;
    }

    /** Connect phase figures: handshakes/s and CPU ms per handshake (injector; servers when PIDs are known). */
    public Map<String, Object> connectSummary() {
        Map<String, Object> out = new LinkedHashMap<>();
        RequestStats connects = requests.get("connect");
        long ok = connects == null ? 0 : connects.ok();
        long first = firstConnectMillis.get();
        long last = lastConnectMillis.get();
        out.put("handshakes_ok", ok);
        out.put("handshakes_failed", connects == null ? 0 : connects.ko());
        if (ok > 0 && last > first) {
            double seconds = (last - first) / 1000.0;
            out.put("connect_phase_s", seconds);
            out.put("handshakes_per_s", ok / seconds);
        }
        CpuSnapshot a = connectStartCpu;
        CpuSnapshot b = connectEndCpu;
        if (ok > 0 && a != null && b != null) {
            out.put("injector_cpu_ms_per_handshake", (b.processNanos() - a.processNanos()) / 1e6 / ok);
            if (a.serverTicks() >= 0 && b.serverTicks() >= 0) {
                out.put("server_cpu_ms_per_handshake", (b.serverTicks() - a.serverTicks()) * 1000.0 / CpuSnapshot.TICKS_PER_S / ok);
            }
        }
        return out;
    }

    private static final class RequestStats {
        private final Histogram okMillis = new Histogram(MAX_MILLIS, 3);
        private long ok;
        private long ko;

        synchronized void record(long millis, boolean success) {
            if (success) {
                ok++;
                okMillis.recordValue(Math.min(millis, MAX_MILLIS));
            } else {
                ko++;
            }
        }

        synchronized long ok() {
            return ok;
        }

        synchronized long ko() {
            return ko;
        }

        synchronized Map<String, Object> summary() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("count", ok + ko);
            m.put("ok", ok);
            m.put("ko", ko);
            if (ok > 0) {
                m.put("min_ms", okMillis.getMinValue());
                m.put("p50_ms", okMillis.getValueAtPercentile(50));
                m.put("p95_ms", okMillis.getValueAtPercentile(95));
                m.put("p99_ms", okMillis.getValueAtPercentile(99));
                m.put("max_ms", okMillis.getMaxValue());
                m.put("mean_ms", Math.round(okMillis.getMean() * 10) / 10.0);
            }
            return m;
        }
    }

    /** Process CPU of this JVM and (summed) of local server processes, read from /proc. */
    record CpuSnapshot(long processNanos, long serverTicks) {
        // USER_HZ is 100 on every Linux this runs on; /proc/<pid>/stat counts in those ticks.
        static final long TICKS_PER_S = 100;
        private static final com.sun.management.OperatingSystemMXBean OS =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

        static CpuSnapshot take(List<Long> serverPids) {
            long own = OS.getProcessCpuTime();
            long ticks = serverPids.isEmpty() ? -1 : 0;
            for (long pid : serverPids) {
                long t = ProcStat.cpuTicks(Path.of("/proc/" + pid + "/stat"));
                if (t < 0) {
                    ticks = -1;
                    break;
                }
                ticks += t;
            }
            return new CpuSnapshot(own, ticks);
        }

    }
}
