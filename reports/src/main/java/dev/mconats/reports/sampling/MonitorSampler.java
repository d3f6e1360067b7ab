package dev.mconats.reports.sampling;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Samples every server's /varz and /routez at a fixed interval on a background virtual thread, together with the
 * injector's own figures, and appends one JSON object per line to the samples file (format: {@link SampleFormat},
 * docs/reports.md). The first sample is taken at once, the last one on {@link #close()}.
 *
 * <p>Never throws from the sampling thread: a server that does not answer gets an entry with {@code error} in that
 * sample, so the report can show which samples are missing. Servers are read in parallel, each bounded by a timeout
 * below the interval, so one hung server does not delay the others. A tick that starts late by more than one
 * interval (machine overloaded) is skipped rather than bunched up; {@link #ticksSkipped()} counts them.
 */
public final class MonitorSampler implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<ServerMonitor> servers;
    private final Duration interval;
    private final Supplier<InjectorFigures> injector;
    private final BufferedWriter out;
    private final ServerProbe probe;
    private final ServerProcesses processes;
    private final Map<String, String> processSeenFor = new ConcurrentHashMap<>();
    private final ExecutorService fetchers = Executors.newVirtualThreadPerTaskExecutor();
    private final HttpClient http;
    private final CountDownLatch stop = new CountDownLatch(1);
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong skipped = new AtomicLong();
    private final AtomicLong writeErrors = new AtomicLong();
    private final long startNanos = System.nanoTime();
    private final Thread thread;
    private boolean closed;

    private MonitorSampler(List<ServerMonitor> servers, BufferedWriter out, Duration interval, Supplier<InjectorFigures> injector,
                           ServerProcesses processes) {
        this.servers = List.copyOf(servers);
        this.processes = processes;
        this.interval = interval;
        this.injector = injector;
        this.out = out;
        Duration timeout = clamp(interval.multipliedBy(9).dividedBy(10), Duration.ofMillis(200), Duration.ofSeconds(5));
        this.http = HttpClient.newBuilder().connectTimeout(timeout).executor(fetchers).build();
        this.probe = new ServerProbe(http, JSON, timeout);
        this.thread = Thread.ofVirtual().name("monitor-sampler").unstarted(this::run);
    }

    /** Starts sampling; server processes are looked up among the processes named like nats-server. */
    public static MonitorSampler start(List<ServerMonitor> servers, Path samplesFile, Duration interval,
                                       Supplier<InjectorFigures> injector) {
        return start(servers, samplesFile, interval, injector, ServerProcesses.lookup(List.of()));
    }

    /**
     * Starts sampling. Throws (in the caller's thread) only for bad arguments or a samples file that cannot be
     * opened for appending; its parent folder is created.
     *
     * @param processes where to find each server's process (its open-files limit), or the limit the target declares
     */
    public static MonitorSampler start(List<ServerMonitor> servers, Path samplesFile, Duration interval,
                                       Supplier<InjectorFigures> injector, ServerProcesses processes) {
        Objects.requireNonNull(servers, "servers");
        Objects.requireNonNull(processes, "processes");
        Objects.requireNonNull(samplesFile, "samplesFile");
        Objects.requireNonNull(injector, "injector");
        if (interval == null || interval.compareTo(Duration.ofMillis(100)) < 0) {
            throw new IllegalArgumentException("sampling interval must be at least 100 ms, got " + interval);
        }
        BufferedWriter w;
        try {
            Path parent = samplesFile.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            w = Files.newBufferedWriter(samplesFile, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open samples file " + samplesFile + ": " + e.getMessage(), e);
        }
        MonitorSampler s = new MonitorSampler(servers, w, interval, injector, processes);
        s.thread.start();
        return s;
    }

    /** Lines written so far. */
    public long samplesWritten() {
        return written.get();
    }

    /** Ticks skipped because the previous one overran by more than an interval. */
    public long ticksSkipped() {
        return skipped.get();
    }

    /** Samples that could not be written (disk full, file removed); they are lost, the sampler goes on. */
    public long writeErrors() {
        return writeErrors.get();
    }

    private void run() {
        long intervalNanos = interval.toNanos();
        long tick = 0;
        try {
            while (true) {
                long due = startNanos + tick * intervalNanos;
                long wait = due - System.nanoTime();
                if (wait > 0 && stop.await(wait, TimeUnit.NANOSECONDS)) {
                    break;
                }
                if (stop.getCount() == 0) {
                    break;
                }
                long late = System.nanoTime() - due;
                if (late > intervalNanos) {
                    long missed = late / intervalNanos;
                    skipped.addAndGet(missed);
                    tick += missed;
                }
                sampleOnce();
                tick++;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Throwable t) {
            // Last resort: a sampler bug must not take the simulation down; the report shows the samples stop here.
            writeErrors.incrementAndGet();
        }
        sampleOnce();
    }

    private void sampleOnce() {
        try {
            Instant now = Instant.now();
            ObjectNode line = JSON.createObjectNode();
            line.put(SampleFormat.V, SampleFormat.VERSION);
            line.put(SampleFormat.TIME, now.toString());
            line.put(SampleFormat.EPOCH_MS, now.toEpochMilli());
            line.put(SampleFormat.ELAPSED_S, Math.round((System.nanoTime() - startNanos) / 1e6) / 1000.0);
            List<Future<ObjectNode>> pending = new ArrayList<>();
            for (ServerMonitor s : servers) {
                pending.add(fetchers.submit(() -> withProcess(s, probe.sample(s))));
            }
            line.set(SampleFormat.INJECTOR, injectorNode());
            ArrayNode arr = line.putArray(SampleFormat.SERVERS);
            for (int i = 0; i < pending.size(); i++) {
                arr.add(await(pending.get(i), servers.get(i)));
            }
            synchronized (out) {
                out.write(JSON.writeValueAsString(line));
                out.newLine();
                out.flush();
            }
            written.incrementAndGet();
        } catch (Exception e) {
            writeErrors.incrementAndGet();
        }
    }

    /** Adds the process entry to the first answer of each server process (a restart brings a new server_id). */
    private ObjectNode withProcess(ServerMonitor s, ObjectNode entry) {
        String id = entry.path("server_id").asText(null);
        if (id == null || id.equals(processSeenFor.get(s.name()))) {
            return entry;
        }
        processSeenFor.put(s.name(), id);
        Optional<ServerProcesses.Found> found;
        try {
            found = processes.find(s.monitorUrl());
        } catch (RuntimeException e) {
            found = Optional.empty(); // an unreadable /proc leaves the limit unknown; the server's figures stand
        }
        found.ifPresent(p -> {
            ObjectNode o = entry.putObject(SampleFormat.PROCESS);
            putCount(o, SampleFormat.PID, p.pid());
            putCount(o, SampleFormat.OPEN_FILES_LIMIT, p.openFilesLimit());
            putCount(o, SampleFormat.OPEN_FILES, p.openFiles());
            o.put(SampleFormat.SOURCE, p.source());
        });
        return entry;
    }

    private ObjectNode await(Future<ObjectNode> f, ServerMonitor s) {
        try {
            return f.get();
        } catch (Exception e) {
            ObjectNode o = JSON.createObjectNode();
            o.put(SampleFormat.NAME, s.name());
            o.put(SampleFormat.URL, s.monitorUrl().toString());
            o.put(SampleFormat.ERROR, ServerProbe.describe(e));
            return o;
        }
    }

    private ObjectNode injectorNode() {
        ObjectNode o = JSON.createObjectNode();
        InjectorFigures f;
        try {
            f = injector.get();
        } catch (RuntimeException e) {
            o.put(SampleFormat.ERROR, "injector figures failed: " + ServerProbe.describe(e));
            return o;
        }
        if (f == null) {
            f = InjectorFigures.none();
        }
        putCount(o, SampleFormat.LIVE_NODES, f.liveNodes());
        putCount(o, SampleFormat.RSS_BYTES, f.jvmRssBytes());
        putMeasure(o, SampleFormat.CPU_PERCENT, f.cpuPercent());
        putMeasure(o, SampleFormat.DISCOVERY_P50_MS, f.discoveryP50Millis());
        putMeasure(o, SampleFormat.DISCOVERY_P99_MS, f.discoveryP99Millis());
        putCount(o, SampleFormat.DISCOVERY_REPLIES_MISSING, f.discoveryRepliesMissing());
        return o;
    }

    private static void putCount(ObjectNode o, String k, long v) {
        if (v < 0) {
            o.putNull(k);
        } else {
            o.put(k, v);
        }
    }

    private static void putMeasure(ObjectNode o, String k, double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            o.putNull(k);
        } else {
            o.put(k, Math.round(v * 1000) / 1000.0);
        }
    }

    private static Duration clamp(Duration d, Duration min, Duration max) {
        return d.compareTo(min) < 0 ? min : d.compareTo(max) > 0 ? max : d;
    }

    /** Stops sampling after one last sample, and flushes and closes the file. Idempotent. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        stop.countDown();
        try {
            thread.join(interval.plusSeconds(15).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        fetchers.shutdownNow();
        http.close();
        synchronized (out) {
            try {
                out.close();
            } catch (IOException e) {
                writeErrors.incrementAndGet();
            }
        }
    }
}
