package dev.mconats.reports;

import dev.mconats.cluster.LocalDeployment;
import dev.mconats.cluster.LoopbackBlock;
import dev.mconats.pki.FixturePki;
import dev.mconats.pki.KeyType;
import dev.mconats.pki.SslContexts;
import dev.mconats.reports.load.SmallFleet;
import dev.mconats.reports.run.LoadSummaryFixture;
import dev.mconats.reports.samples.Sample;
import dev.mconats.reports.samples.SampleSeries;
import dev.mconats.reports.samples.SamplesFile;
import dev.mconats.reports.samples.SyntheticRun;
import dev.mconats.reports.sampling.InjectorFigures;
import dev.mconats.reports.sampling.MonitorSampler;
import dev.mconats.reports.sampling.ServerMonitor;
import dev.mconats.targetmodel.ServerAddress;
import dev.mconats.targetmodel.Target;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Prints what the report costs: (1) building index.html from hour-long runs (3 servers sampled every second, each
 * with its load claims and a rolling restart's storm steps), 1 run against 10 runs; (2) what one sampling tick costs
 * the server, as the time to answer /varz + /routez (fetch_ms) with no clients against with {@code nodes} TLS clients. Run: see BENCHMARKS.md, section "reports".
 */
public final class ReportBenchmark {
    public static void main(String[] args) throws Exception {
        int nodes = args.length > 0 ? Integer.parseInt(args[0]) : 600;
        Path dir = Files.createTempDirectory("report-bench");
        try {
            buildCost(dir.resolve("reports"));
            samplingCost(dir.resolve("deployment"), nodes);
        } finally {
            try (var w = Files.walk(dir)) {
                w.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void buildCost(Path reports) throws Exception {
        SyntheticRun hour = new SyntheticRun();
        hour.rampSamples = 1800;
        hour.holdSamples = 1800;
        hour.peakNodes = 18000;
        hour.openFilesLimit = 20_000;
        LoadSummaryFixture summary = new LoadSummaryFixture();
        summary.storm = LoadSummaryFixture.rollingRestart(6000, -1);
        for (int i = 0; i < 10; i++) {
            try (RunFolder f = RunFolder.open(reports, "load")) {
                hour.seed = i;
                hour.write(f.resolve("samples.jsonl"));
                summary.write(f.dir());
                f.put("target", "bench");
                f.commit();
            }
        }
        long samplesBytes;
        try (var s = Files.walk(reports.resolve("runs"))) {
            samplesBytes = s.filter(p -> p.getFileName().toString().equals("samples.jsonl")).findFirst().map(p -> p.toFile().length()).orElse(0L);
        }
        // warm-up, then the median of 5 builds for 10 runs; 1 run is measured in a separate folder holding only one
        Path one = reports.resolveSibling("one");
        try (RunFolder f = RunFolder.open(one, "load")) {
            hour.write(f.resolve("samples.jsonl"));
            summary.write(f.dir());
            f.commit();
        }
        ReportBuilder.build(one);
        ReportBuilder.build(reports);
        double t1 = median(5, () -> ReportBuilder.build(one));
        double t10 = median(5, () -> ReportBuilder.build(reports));
        var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        double cpu10 = median(5, () -> ReportBuilder.build(reports), os::getProcessCpuTime);
        System.out.printf(Locale.ROOT, "build: samples.jsonl of one hour-long run = %.1f MB (%d lines)%n", samplesBytes / 1e6,
                hour.rampSamples + hour.holdSamples);
        System.out.printf(Locale.ROOT, "build: 1 run %.0f ms, index.html %.0f KB%n", t1, Files.size(one.resolve("index.html")) / 1e3);
        System.out.printf(Locale.ROOT, "build: 10 runs %.0f ms (%.1fx the 1-run time), index.html %.0f KB%n", t10, t10 / t1,
                Files.size(reports.resolve("index.html")) / 1e3);
        // CPU time does not stretch when other processes hold the cores, as wall time does on a busy machine
        System.out.printf(Locale.ROOT, "build: 10 runs, CPU time of this process %.0f ms (median of 5; both cores)%n", cpu10);
    }

    private interface Work {
        void run() throws Exception;
    }

    private static double median(int n, Work w) throws Exception {
        return median(n, w, System::nanoTime);
    }

    /** Median over n runs of the time the clock (nanoseconds) advanced, in ms. */
    private static double median(int n, Work w, java.util.function.LongSupplier clock) throws Exception {
        double[] t = new double[n];
        for (int i = 0; i < n; i++) {
            long t0 = clock.getAsLong();
            w.run();
            t[i] = (clock.getAsLong() - t0) / 1e6;
        }
        Arrays.sort(t);
        return t[n / 2];
    }

    private static void samplingCost(Path dir, int nodes) throws Exception {
        try (LocalDeployment d = LocalDeployment.builder(dir).size(1).addressPrefix(LoopbackBlock.free()).keyType(KeyType.EC_P256).start()) {
            Target target = d.target();
            List<ServerAddress> servers = target.discoverServers(new Random(1));
            List<ServerMonitor> mon = List.of(new ServerMonitor("nats1", target.monitorFor(servers.get(0), 0)));
            var ssl = SslContexts.mutual(d.pki().dir().caCert(), d.pki().dir().cert(FixturePki.CLIENT),
                    d.pki().dir().privateKey(FixturePki.CLIENT));
            double idle = fetchMedian(mon, dir.resolve("idle.jsonl"));
            try (SmallFleet fleet = new SmallFleet(target, servers, ssl)) {
                for (int i = 0; i < nodes; i += 100) {
                    fleet.grow(Math.min(100, nodes - i));
                }
                double loaded = fetchMedian(mon, dir.resolve("loaded.jsonl"));
                System.out.printf(Locale.ROOT, "sampling: /varz + /routez answer time, median of 25 ticks: idle %.2f ms, "
                        + "%d TLS clients %.2f ms (%.2fx)%n", idle, fleet.live(), loaded, loaded / idle);
            }
        }
    }

    private static double fetchMedian(List<ServerMonitor> mon, Path file) throws Exception {
        try (MonitorSampler s = MonitorSampler.start(mon, file, Duration.ofMillis(200), InjectorFigures::none)) {
            Thread.sleep(5200);
        }
        SampleSeries series = SamplesFile.read(file);
        List<String> lines = Files.readAllLines(file);
        double[] ms = lines.stream().mapToDouble(l -> {
            try {
                return new com.fasterxml.jackson.databind.ObjectMapper().readTree(l).get("servers").get(0).get("fetch_ms").asDouble();
            } catch (Exception e) {
                return Double.NaN;
            }
        }).filter(Double::isFinite).sorted().toArray();
        if (series.samples().stream().map(Sample::servers).flatMap(List::stream).anyMatch(v -> !v.ok())) {
            throw new IllegalStateException("server did not answer every tick");
        }
        return ms[ms.length / 2];
    }

}
