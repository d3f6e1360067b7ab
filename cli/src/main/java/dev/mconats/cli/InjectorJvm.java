package dev.mconats.cli;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The injector JVM that {@code load} and {@code fleet} fork: {@code java ... dev.mconats.simulations.LoadRunner
 * <Simulation> <output folder>} on simulations/target's classes and libs, with the parameters as
 * {@code -Dmconats.load.*}. Its own process gives it its own open-files budget and JVM flags; the front door has no
 * Gatling on its classpath.
 */
final class InjectorJvm {
    private InjectorJvm() {
    }

    /** The command line; {@code heap} null scales the heap with {@code nodes} (this injector's share). */
    static List<String> command(Path classes, String heap, long nodes, Map<String, String> p, String simulation, Path outputDir) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx" + (heap != null ? heap : defaultHeap(nodes)));
        // Extra injector JVM options for experiments (JFR, GC logs, another collector): later options win.
        List<String> extra = injectorJavaOptions();
        if (extra.stream().noneMatch(o -> o.matches("-XX:\\+Use\\w+GC"))) {
            // G1 with a heap just above the live set: at 19,000 nodes 72 KiB RSS per node and every round complete,
            // where ParallelGC needed ~2 GB (91-104 KiB per node), and failed a round at the same small heap
            // (BENCHMARKS.md, "Load"): G1 reclaims promoted garbage concurrently instead of in a full collection.
            cmd.add("-XX:+UseG1GC");
        }
        cmd.add("--add-opens=java.base/java.lang=ALL-UNNAMED"); // what Gatling's own launcher passes
        cmd.add("--enable-native-access=ALL-UNNAMED");
        cmd.addAll(extra);
        p.forEach((k, v) -> cmd.add("-Dmconats.load." + k + "=" + v));
        cmd.add("-cp");
        cmd.add(classes.resolve("classes") + File.pathSeparator + classes.resolve("lib") + File.separator + "*");
        cmd.add("dev.mconats.simulations.LoadRunner");
        cmd.add(simulation);
        cmd.add(outputDir.toString());
        return cmd;
    }

    /** Nodes from the parameters (explicit, else the preset's), for the default heap. */
    static long nodes(Map<String, String> p) {
        try {
            return Long.parseLong(p.getOrDefault("nodes", "fleet".equals(p.get("preset")) ? "19000" : "2000"));
        } catch (NumberFormatException ignored) {
            return 2000; // the injector reports the bad value in one line
        }
    }

    static String defaultHeap(long nodes) {
        // Measured live heap ~42 KB per node at 19,000 nodes plus the JVM's own ~250 MB; G1 needs little headroom.
        long mb = Math.max(768, 256 + nodes * 44 / 1024);
        return mb + "m";
    }

    /** $MCO_NATS_INJECTOR_JAVA_OPTS, split at whitespace (no quoting: JVM flags do not need it). */
    private static List<String> injectorJavaOptions() {
        String env = System.getenv("MCO_NATS_INJECTOR_JAVA_OPTS");
        return env == null || env.isBlank() ? List.of() : List.of(env.trim().split("\\s+"));
    }

    /** simulations/target with classes/ and lib/ (built by ./mvnw package); next to cli/target, or $MCO_NATS_SIMULATIONS. */
    static Path classpath() {
        String env = System.getenv("MCO_NATS_SIMULATIONS");
        List<Path> candidates = new ArrayList<>();
        if (env != null && !env.isBlank()) {
            candidates.add(Path.of(env));
        }
        try {
            Path jar = Path.of(InjectorJvm.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            // cli/target/mco-nats.jar or cli/target/classes -> <root>/simulations/target
            candidates.add(jar.getParent().getParent().getParent().resolve("simulations/target"));
        } catch (Exception ignored) {
            // fall back to the working directory
        }
        candidates.add(Path.of("simulations/target").toAbsolutePath());
        for (Path c : candidates) {
            if (Files.isDirectory(c.resolve("classes/dev/mconats/simulations")) && Files.isDirectory(c.resolve("lib"))) {
                return c;
            }
        }
        throw new UserError("the simulations module is not built (no simulations/target/classes and lib): run './mvnw -q package -DskipTests'");
    }
}
