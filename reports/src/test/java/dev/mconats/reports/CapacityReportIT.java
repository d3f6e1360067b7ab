package dev.mconats.reports;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mconats.cluster.LocalDeployment;
import dev.mconats.cluster.LoopbackBlock;
import dev.mconats.pki.FixturePki;
import dev.mconats.pki.KeyType;
import dev.mconats.pki.SslContexts;
import dev.mconats.reports.browser.ReportInBrowser;
import dev.mconats.reports.capacity.CapacityBudget;
import dev.mconats.reports.capacity.CapacityEstimate;
import dev.mconats.reports.capacity.PublishedFigures;
import dev.mconats.reports.load.SmallFleet;
import dev.mconats.reports.run.LoadSummaryFixture;
import dev.mconats.reports.samples.Gap;
import dev.mconats.reports.samples.MissingSamples;
import dev.mconats.reports.samples.ProcessSample;
import dev.mconats.reports.samples.SampleSeries;
import dev.mconats.reports.samples.SamplesFile;
import dev.mconats.reports.samples.ServerSample;
import dev.mconats.reports.sampling.InjectorFigures;
import dev.mconats.reports.sampling.MonitorSampler;
import dev.mconats.reports.sampling.ServerMonitor;
import dev.mconats.targetmodel.ServerAddress;
import dev.mconats.targetmodel.Target;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The capacity report end to end on real data: a 3-node TLS cluster (real nats-server processes), a small jnats fleet
 * ramping up while discovery runs, the sampler reading /varz and /routez throughout; a second run in which one server
 * is killed half-way. Both runs are committed as run folders, the report is built with the two compared, and opened
 * in real headless Chromium: plots drawn, no console errors, missing samples named, readable on a phone.
 */
class CapacityReportIT {
    private static final int NODES = 240;
    private static final int STEP = 30;
    private static final Duration INTERVAL = Duration.ofMillis(400);

    @TempDir
    Path tmp;

    @Test
    void realRunsGiveARenderedReportThatNamesWhatIsMissing() throws Exception {
        Path reports = tmp.resolve("reports");
        String runA;
        String runB;
        List<Long> serverPids;
        try (LocalDeployment d = LocalDeployment.builder(tmp.resolve("deployment")).size(3).addressPrefix(LoopbackBlock.free())
                .keyType(KeyType.EC_P256).start()) {
            Target target = d.target();
            List<ServerAddress> servers = target.discoverServers(new Random(1));
            List<ServerMonitor> monitors = new ArrayList<>();
            for (ServerAddress s : servers) {
                monitors.add(new ServerMonitor(s.host(), target.monitorFor(s, d.cluster().nodes().stream()
                        .map(n -> n.config().name()).toList().indexOf(s.host()))));
            }
            SSLContext ssl = SslContexts.mutual(d.pki().dir().caCert(), d.pki().dir().cert(FixturePki.CLIENT),
                    d.pki().dir().privateKey(FixturePki.CLIENT));

            serverPids = d.cluster().nodes().stream().map(n -> n.process().pid()).toList();
            long t0 = System.nanoTime();
            runA = loadRun(reports, target, servers, monitors, ssl, () -> { });
            int killed = d.cluster().nodes().stream().filter(n -> n.config().name().equals(servers.get(1).host()))
                    .findFirst().orElseThrow().index();
            System.err.printf("run A took %.1f s%n", (System.nanoTime() - t0) / 1e9);
            runB = loadRun(reports, target, servers, monitors, ssl, () -> d.cluster().kill(killed));
            System.err.printf("runs A and B took %.1f s%n", (System.nanoTime() - t0) / 1e9);
        }

        SampleSeries a = SamplesFile.read(reports.resolve("runs").resolve(runA).resolve("samples.jsonl"));
        assertThat(a.malformedLines()).isZero();
        assertThat(a.samples()).hasSizeGreaterThan(10);
        // Healthy servers answer the sampler. On a loaded machine a /varz can miss its deadline now and then: such a
        // gap is a timeout that recovers within the run, never a refused connection (run B's killed member below).
        assertThat(a.samples()).allSatisfy(s -> assertThat(s.servers()).hasSize(3));
        assertThat(a.samples().stream().filter(s -> s.servers().stream().allMatch(ServerSample::ok)).count())
                .isGreaterThanOrEqualTo(a.samples().size() * 8L / 10);
        assertThat(MissingSamples.of(a)).allSatisfy(g -> {
            if (!g.who().equals("sampler")) {
                assertThat(g.recovered()).as(g.toString()).isTrue();
                assertThat(g.reasons()).as(g.toString()).doesNotContain("connection refused");
            }
        });
        assertThat(a.versions()).isNotEmpty();
        assertThat(a.peakNodes()).isEqualTo(NODES);
        // every server saw its third of the fleet; node connections plus the discovery client
        long peakConns = a.samples().stream().mapToLong(s -> s.totalConnections()).max().orElse(0);
        assertThat(peakConns).isEqualTo(NODES + 1);
        ServerSample last = a.samples().stream().map(x -> x.servers().get(0)).filter(ServerSample::ok)
                .reduce((first, second) -> second).orElseThrow();
        assertThat(last.routes()).hasSize(2).allSatisfy(r -> {
            assertThat(r.remoteId()).isNotBlank();
            assertThat(r.pendingSize()).isGreaterThanOrEqualTo(0);
        });
        assertThat(last.inMsgs()).isPositive();
        assertThat(last.mem()).isPositive();
        assertThat(a.samples().stream().filter(s -> !Double.isNaN(s.injector().discoveryP99Millis()))).isNotEmpty();
        CapacityEstimate cap = CapacityEstimate.of(a, CapacityBudget.DEFAULT);
        assertThat(cap.memory()).isPresent();
        assertThat(cap.memory().get().xMax()).isGreaterThanOrEqualTo(NODES / 3.0);
        assertThat(cap.cpu()).isPresent();
        // the sampler found each server's process by its monitor socket and read the limit it really runs with
        List<ProcessSample> processes = a.samples().get(0).servers().stream().map(ServerSample::process).toList();
        assertThat(processes).hasSize(3).allSatisfy(p -> {
            assertThat(p).isNotNull();
            assertThat(serverPids).contains(p.pid());
            assertThat(p.openFilesLimit()).as("the servers inherit this JVM's limit (Go raises soft to hard)")
                    .isEqualTo(((com.sun.management.UnixOperatingSystemMXBean) java.lang.management.ManagementFactory
                            .getOperatingSystemMXBean()).getMaxFileDescriptorCount());
            assertThat(p.source()).isEqualTo("/proc/" + p.pid() + "/limits");
        });
        assertThat(processes.stream().map(ProcessSample::pid).distinct()).hasSize(3);
        assertThat(a.samples().get(1).servers()).allMatch(v -> v.process() == null);
        assertThat(cap.limits().openFilesLimit()).isEqualTo(processes.get(0).openFilesLimit());
        assertThat(cap.limits().otherOpenFiles()).as("listeners, routes, log").isBetween(3L, 100L);
        assertThat(cap.limits().maxConnections()).isEqualTo(65536);

        SampleSeries b = SamplesFile.read(reports.resolve("runs").resolve(runB).resolve("samples.jsonl"));
        List<Gap> gaps = MissingSamples.of(b);
        assertThat(gaps).anySatisfy(g -> {
            assertThat(g.who()).isEqualTo(b.serverNames().get(1));
            assertThat(g.recovered()).isFalse();
            assertThat(g.reasons()).contains("connection refused");
        });
        assertThat(b.peakNodes()).isEqualTo(NODES);
        long liveAtEnd = b.samples().get(b.samples().size() - 1).injector().liveNodes();
        assertThat(liveAtEnd).isEqualTo(NODES - NODES / 3);

        stormRun(reports);
        Path index = ReportBuilder.build(reports, ReportOptions.defaults().comparing(runA, runB));
        Path shots = Path.of("target", "report-screenshots").toAbsolutePath();
        Files.createDirectories(shots);
        long t1 = System.nanoTime();
        ReportInBrowser.Outcome o = ReportInBrowser.check(index, shots, "capacity-report", true);
        System.err.printf("browser check took %.1f s%n", (System.nanoTime() - t1) / 1e9);

        assertThat(o.errors()).as("console errors").isEmpty();
        // 7 charts in each of the two load runs, and the storm overview
        assertThat(o.chartsExpected()).isEqualTo(15);
        assertThat(o.chartsRendered()).isEqualTo(15);
        assertThat(o.charts()).hasSize(15).allSatisfy(c -> {
            assertThat(c.points()).as(c.run() + " " + c.chart() + " data points").isPositive();
            assertThat(c.paintedPixels()).as(c.run() + " " + c.chart() + " painted pixels").isGreaterThan(2000);
        });
        assertThat(o.charts()).filteredOn(c -> "storms".equals(c.chart())).singleElement()
                .satisfies(c -> assertThat(c.points()).isEqualTo(3));
        assertThat(o.pageText()).contains("Missing samples", b.serverNames().get(1), "connection refused",
                "Capacity", "Comparison:", "same within noise");
        // the sections a planner reads: measured before modelled, the limits, losing a member, claims, storms
        assertThat(o.pageText()).contains("Measured up to ", "model suggests", "Hard limits", "open-files limit",
                "Losing a member", "one member down", "Claims", PublishedFigures.SEED_CLAIM, "handles 50,000 Choria connections per node",
                "Storms: recovery time against nodes per member", "RollingRestart", "bounded by the injector");
        assertThat(o.plannerAnswer()).as("the calculator answers in the page, without a server")
                .startsWith("Servers for 50,000 nodes with N+1: ").contains(" through a rolling restart");
        assertThat(o.phoneScrollWidth()).as("no sideways scrolling of the page on a phone").isLessThanOrEqualTo(o.phoneViewportWidth());
        assertThat(o.screenshots()).allSatisfy(p -> assertThat(p).isNotEmptyFile());
    }

    /** A storm run as the rolling-restart simulation leaves it (load-summary.json only), older than the real runs. */
    private static void stormRun(Path reports) throws Exception {
        Path dir = Files.createDirectories(reports.resolve("runs").resolve("20000101-000000-load"));
        Files.writeString(dir.resolve("run.json"), "{\"id\": \"20000101-000000-load\", \"kind\": \"load\", \"target\": \"local\"}");
        LoadSummaryFixture f = new LoadSummaryFixture();
        f.simulation = "RollingRestart";
        f.storm = LoadSummaryFixture.rollingRestart(800, 1);
        f.write(dir);
    }

    /** One load run: sampler on, fleet ramps up with discovery every interval, holds, optional fault, holds. */
    private static String loadRun(Path reports, Target target, List<ServerAddress> servers, List<ServerMonitor> monitors,
                                  SSLContext ssl, Runnable fault) throws Exception {
        try (RunFolder run = RunFolder.open(reports, "load");
             SmallFleet fleet = new SmallFleet(target, servers, ssl)) {
            AtomicBoolean discovering = new AtomicBoolean(true);
            try (MonitorSampler sampler = MonitorSampler.start(monitors, run.resolve("samples.jsonl"), INTERVAL,
                    () -> InjectorFigures.ofThisProcess(fleet.live(), fleet.p50(), fleet.p99(),
                            fleet.rounds() == 0 ? InjectorFigures.UNKNOWN : fleet.missing()))) {
                Thread discovery = Thread.ofVirtual().start(() -> {
                    while (discovering.get()) {
                        try {
                            fleet.discover(Duration.ofMillis(1500));
                            Thread.sleep(INTERVAL.toMillis());
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                });
                Thread.sleep(2 * INTERVAL.toMillis());
                for (int n = 0; n < NODES; n += STEP) {
                    fleet.grow(STEP);
                    Thread.sleep(INTERVAL.toMillis());
                }
                Thread.sleep(3000);
                fault.run();
                Thread.sleep(3000);
                discovering.set(false);
                discovery.join(5000);
                assertThat(sampler.samplesWritten()).isPositive();
            }
            Map<String, Object> config = new LinkedHashMap<>();
            config.put("nodes", NODES);
            config.put("servers", servers.size());
            config.put("key_type", "EC_P256");
            config.put("sampling_interval_ms", INTERVAL.toMillis());
            run.put("target", target.name());
            run.put("config", config);
            return run.commit().getFileName().toString();
        }
    }

}
