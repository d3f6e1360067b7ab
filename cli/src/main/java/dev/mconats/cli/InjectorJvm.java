package dev.mconats.cli;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The injector JVM that {@code load} and {@code fleet} fork: {@code java ... dev.mconats.simulations.LoadRunner
 * <Simulation> <output folder> [--allow-non-loopback]} on simulations/target's classes and libs, with the parameters
 * as {@code -Dmconats.load.*}. The opt-in for servers outside loopback is a program argument, after every JVM option,
 * so that {@code MCO_NATS_INJECTOR_JAVA_OPTS} cannot add it (the injector refuses it as a system property). Its own
 * process gives it its own open-files budget and JVM flags; the front door has no Gatling on its classpath.
 */
final class InjectorJvm {
    private InjectorJvm() {
    }

    /** The command line without the opt-in for servers outside loopback. */
    static List<String> command(Path classes, String heap, long nodes, Map<String, String> p, String simulation, Path outputDir) {
        return command(classes, List.of(), heap, nodes, p, simulation, outputDir, false);
    }

    /**
     * The command line; {@code heap} null scales the heap with {@code nodes} (this injector's share).
     *
     * @param userClasspath jars or class folders of a user's own simulation, after the suite's classes
     * @param allowNonLoopback the operator's --allow-non-loopback, handed on as a program argument (not a -D option)
     */
    static List<String> command(Path classes, List<Path> userClasspath, String heap, long nodes, Map<String, String> p,
                                String simulation, Path outputDir, boolean allowNonLoopback) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // Extra injector JVM options for experiments (JFR, GC logs, another collector): later options win.
        List<String> extra = injectorJavaOptions();
        boolean ownCollector = extra.stream().anyMatch(o -> o.matches("-XX:\\+Use\\w+GC"));
        cmd.addAll(memoryOptions(heap, nodes, ownCollector, Runtime.version().feature()));
        cmd.add("--add-opens=java.base/java.lang=ALL-UNNAMED"); // what Gatling's own launcher passes
        cmd.add("--enable-native-access=ALL-UNNAMED");
        cmd.addAll(JIT_OPTIONS);
        cmd.addAll(extra);
        p.forEach((k, v) -> cmd.add("-Dmconats.load." + k + "=" + v));
        cmd.add("-cp");
        StringBuilder cp = new StringBuilder(classes.resolve("classes") + File.pathSeparator + classes.resolve("lib") + File.separator + "*");
        userClasspath.forEach(u -> cp.append(File.pathSeparator).append(u.toAbsolutePath()));
        cmd.add(cp.toString());
        cmd.add("dev.mconats.simulations.LoadRunner");
        cmd.add(simulation);
        cmd.add(outputDir.toString());
        if (allowNonLoopback) {
            cmd.add("--allow-non-loopback");
        }
        return cmd;
    }

    /**
     * Smaller C2 compilations (inlining limits below HotSpot's 2500 / 325 / 15): at 10,000 nodes C2 spent about 4 s of
     * CPU compiling the deep Netty connect and TLS paths during the connect phase, 0.4 ms per node, two thirds of what
     * the event loops spent on the connections themselves; with these limits 1.6-2.0 s, and discovery rounds as fast
     * (docs/load-performance.md, "The JIT").
     */
    static final List<String> JIT_OPTIONS = List.of("-XX:InlineSmallCode=1000", "-XX:FreqInlineSize=100", "-XX:MaxInlineLevel=9");

    /**
     * Collector and heap of the injector (BENCHMARKS.md, "Load"; docs/load-performance.md). The simulation collects
     * the heap between rounds (HeapSettler), so the collector only has to be small and cheap: Serial needs ~3 MB of
     * its own where G1 needed ~75 MB at 19,000 nodes. The young generation takes most of a round's allocation (~11 KB
     * per node: the request copy, the decode, the reply), the old one holds the fleet: ~4.6 KB of heap per node live
     * (their connections' state; the TLS state is native) plus the JVM's and Gatling's ~45 MB, with room for what
     * rounds promote between the collections that run before each round. Compact object headers (JDK 25+) make
     * objects ~25 % smaller.
     */
    static List<String> memoryOptions(String heap, long nodes, boolean ownCollector, int javaFeature) {
        List<String> o = new ArrayList<>();
        if (ownCollector) {
            o.add("-Xmx" + (heap != null ? heap : defaultHeap(nodes)));
        } else {
            o.add("-XX:+UseSerialGC");
            if (heap != null) {
                o.add("-Xmx" + heap);
            } else {
                long young = youngMiB(nodes);
                o.add("-Xmx" + (young + oldMiB(nodes, javaFeature >= 25)) + "m");
                o.add("-Xmn" + young + "m");
            }
        }
        if (javaFeature >= 25) {
            o.add("-XX:+UseCompactObjectHeaders");
            o.add("-XX:TrimNativeHeapInterval=5000"); // hand freed malloc memory (JIT arenas) back to the OS
        }
        return o;
    }

    static long youngMiB(long nodes) {
        return Math.max(128, nodes * 11 / 1024);
    }

    /** About 2.5 times the measured live set per node (room for promotions), more without compact headers (JDK 21-24). */
    static long oldMiB(long nodes, boolean compactHeaders) {
        return Math.max(384, 110 + nodes * (compactHeaders ? 12 : 16) / 1024);
    }

    /** The injector process: glibc's per-thread malloc arenas kept ~30 MB of freed JIT memory resident; two suffice. */
    static ProcessBuilder process(List<String> command) {
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().putIfAbsent("MALLOC_ARENA_MAX", "2");
        return pb;
    }

    /** Nodes from the parameters (explicit, else the preset's), for the default heap. */
    static long nodes(Map<String, String> p) {
        try {
            return Long.parseLong(p.getOrDefault("nodes", "fleet".equals(p.get("preset")) ? "19000" : "2000"));
        } catch (NumberFormatException ignored) {
            return 2000; // the injector reports the bad value in one line
        }
    }

    /** Heap for a collector chosen through MCO_NATS_INJECTOR_JAVA_OPTS: young and old generation room as for Serial. */
    static String defaultHeap(long nodes) {
        long mb = Math.max(768, youngMiB(nodes) + oldMiB(nodes, false));
        return mb + "m";
    }

    /**
     * The load scope the injector wrote into its folder (whether load outside loopback was allowed, where the opt-in
     * came from, the servers' checked addresses), for run.json; empty when it wrote none (bad input).
     */
    static java.util.Optional<Object> loadScope(Path injectorDir) {
        Path f = injectorDir.resolve("load-scope.json");
        if (!Files.isRegularFile(f)) {
            return java.util.Optional.empty();
        }
        try {
            return java.util.Optional.of(new com.fasterxml.jackson.databind.ObjectMapper().readValue(f.toFile(), Map.class));
        } catch (java.io.IOException e) {
            return java.util.Optional.of(Map.of("unreadable", f.toString()));
        }
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
