package dev.mconats.conformance;

import dev.mconats.cluster.LocalDeployment;
import dev.mconats.cluster.LoopbackBlock;
import dev.mconats.conformance.report.ReportFiles;
import dev.mconats.pki.KeyType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * How long the whole suite takes against a healthy 1-node and 3-node deployment, cold (first run in a fresh JVM, as
 * the front door runs it) and warm. Two baselines in the same run: the suite's own floor (tls/handshake-timeout must
 * watch a silent connection for the 2 s the server is required to wait), and the same suite without the cipher audit,
 * alternating with the full one, so that the audit's cost is measured against this machine's load at that moment.
 *
 * <p>{@code java ... dev.mconats.conformance.ConformanceBenchmark [key-type] [runs] [report-dir]} (defaults rsa-4096, 5):
 * the last full run's reports go to {@code report-dir/<size>-nodes} when given.
 */
public final class ConformanceBenchmark {
    private ConformanceBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        KeyType keyType = KeyType.parse(args.length > 0 ? args[0] : "rsa-4096");
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        Path reports = args.length > 2 ? Path.of(args[2]) : null;
        Path dir = Files.createTempDirectory("conformance-bench");
        double floor = Settings.defaults().handshakeTime().toNanos() / 1e9;
        ConformanceSuite full = ConformanceSuite.standard();
        ConformanceSuite noAudit = new ConformanceSuite(full.checks().stream().filter(c -> !c.id().equals("tls/cipher-suites")).toList());
        System.out.printf(Locale.ROOT, "key type %s, %d runs per deployment, floor (tls/handshake-timeout watch) %.2f s%n", keyType, runs, floor);
        for (int size : new int[] {3, 1}) {
            long t0 = System.nanoTime();
            try (LocalDeployment d = LocalDeployment.builder(dir.resolve("n" + size)).size(size).addressPrefix(LoopbackBlock.free())
                    .keyType(keyType).start()) {
                System.out.printf(Locale.ROOT, "%d-node deployment up in %.1f s (PKI, servers, mesh, DNS)%n", size, (System.nanoTime() - t0) / 1e9);
                List<Double> seconds = new ArrayList<>();
                List<Double> baseline = new ArrayList<>();
                List<Double> audit = new ArrayList<>();
                SuiteResult last = null;
                for (int i = 0; i < runs; i++) {
                    last = timed(full, d, seconds);
                    audit.add(last.checks().stream().filter(c -> c.id().equals("tls/cipher-suites")).findFirst().orElseThrow()
                            .duration().toNanos() / 1e9);
                    timed(noAudit, d, baseline);
                }
                List<Double> warm = sorted(seconds.subList(1, seconds.size()));
                double median = warm.isEmpty() ? seconds.get(0) : warm.get(warm.size() / 2);
                List<Double> warmBase = sorted(baseline.subList(1, baseline.size()));
                double baseMedian = warmBase.isEmpty() ? baseline.get(0) : warmBase.get(warmBase.size() / 2);
                List<Double> audits = sorted(audit.subList(1, audit.size()));
                System.out.printf(Locale.ROOT, "%d nodes: %d results, %s; cold %.2f s (%.2fx floor), warm median %.2f s (%.2fx floor), "
                                + "warm min/max %.2f/%.2f s%n", size, last.results().size(), last.headline(), seconds.get(0), seconds.get(0) / floor,
                        median, median / floor, warm.isEmpty() ? median : warm.get(0), warm.isEmpty() ? median : warm.get(warm.size() - 1));
                System.out.printf(Locale.ROOT, "    without tls/cipher-suites, alternating: warm median %.2f s -> the audit adds %.2f s (%.2fx); "
                        + "the audit itself %.2f s warm median (max %.2f s)%n", baseMedian, median - baseMedian, median / baseMedian,
                        audits.isEmpty() ? audit.get(0) : audits.get(audits.size() / 2), audits.isEmpty() ? audit.get(0) : audits.get(audits.size() - 1));
                last.checks().stream().sorted(Comparator.comparing((SuiteResult.CheckRun c) -> c.duration()).reversed()).limit(5)
                        .forEach(c -> System.out.printf(Locale.ROOT, "    slowest in last run: %-32s %.2f s%n", c.id(), c.duration().toNanos() / 1e9));
                if (reports != null) {
                    ReportFiles.write(last, reports.resolve(size + "-nodes"));
                }
            }
        }
    }

    private static SuiteResult timed(ConformanceSuite suite, LocalDeployment d, List<Double> seconds) {
        SuiteResult r = suite.run(d.target(), Settings.defaults());
        seconds.add(r.duration().toNanos() / 1e9);
        if (r.failed()) {
            throw new IllegalStateException("the healthy deployment failed a check: " + r.results().stream()
                    .filter(x -> x.status() == Status.FAIL).map(x -> x.testName() + " " + x.message()).toList());
        }
        return r;
    }

    private static List<Double> sorted(List<Double> xs) {
        return xs.stream().sorted().toList();
    }
}
