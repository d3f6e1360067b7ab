package dev.mconats.conformance;

import dev.mconats.cluster.LocalDeployment;
import dev.mconats.cluster.LoopbackBlock;
import dev.mconats.pki.KeyType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * How long the whole suite takes against a healthy 1-node and 3-node deployment, cold (first run in a fresh JVM, as
 * the front door runs it) and warm. The baseline in the same run is the suite's own floor: tls/handshake-timeout must
 * watch a silent connection for the 2 s the server is required to wait.
 *
 * <p>{@code java ... dev.mconats.conformance.ConformanceBenchmark [key-type] [runs]} (defaults rsa-4096, 5).
 */
public final class ConformanceBenchmark {
    private ConformanceBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        KeyType keyType = KeyType.parse(args.length > 0 ? args[0] : "rsa-4096");
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        Path dir = Files.createTempDirectory("conformance-bench");
        double floor = Settings.defaults().handshakeTime().toNanos() / 1e9;
        System.out.printf(Locale.ROOT, "key type %s, %d runs per deployment, floor (tls/handshake-timeout watch) %.2f s%n", keyType, runs, floor);
        for (int size : new int[] {3, 1}) {
            long t0 = System.nanoTime();
            try (LocalDeployment d = LocalDeployment.builder(dir.resolve("n" + size)).size(size).addressPrefix(LoopbackBlock.free())
                    .keyType(keyType).start()) {
                System.out.printf(Locale.ROOT, "%d-node deployment up in %.1f s (PKI, servers, mesh, DNS)%n", size, (System.nanoTime() - t0) / 1e9);
                List<Double> seconds = new ArrayList<>();
                SuiteResult last = null;
                for (int i = 0; i < runs; i++) {
                    last = ConformanceSuite.standard().run(d.target(), Settings.defaults());
                    seconds.add(last.duration().toNanos() / 1e9);
                    if (last.failed()) {
                        throw new IllegalStateException("the healthy deployment failed a check: " + last.results().stream()
                                .filter(r -> r.status() == Status.FAIL).map(r -> r.testName() + " " + r.message()).toList());
                    }
                }
                List<Double> warm = seconds.subList(1, seconds.size()).stream().sorted().toList();
                double median = warm.isEmpty() ? seconds.get(0) : warm.get(warm.size() / 2);
                System.out.printf(Locale.ROOT, "%d nodes: %d results all PASS; cold %.2f s (%.2fx floor), warm median %.2f s (%.2fx floor), "
                                + "warm min/max %.2f/%.2f s%n", size, last.results().size(), seconds.get(0), seconds.get(0) / floor, median,
                        median / floor, warm.isEmpty() ? median : warm.get(0), warm.isEmpty() ? median : warm.get(warm.size() - 1));
                last.checks().stream().sorted(Comparator.comparing((SuiteResult.CheckRun c) -> c.duration()).reversed()).limit(4)
                        .forEach(c -> System.out.printf(Locale.ROOT, "    slowest in last run: %-32s %.2f s%n", c.id(), c.duration().toNanos() / 1e9));
            }
        }
    }
}
