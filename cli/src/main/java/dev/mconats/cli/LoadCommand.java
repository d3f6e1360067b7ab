package dev.mconats.cli;

import dev.mconats.cluster.EmbeddedDefault;
import dev.mconats.cluster.Executables;
import dev.mconats.cluster.LocalDeployment;
import dev.mconats.cluster.LoopbackBlock;
import dev.mconats.cluster.ManagedProcess;
import dev.mconats.pki.KeyType;
import dev.mconats.reports.RunFolder;
import dev.mconats.target.TargetFile;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code load}: runs one Gatling simulation in a forked injector JVM (its own open-files budget and JVM flags; the
 * front door has no Gatling on its classpath) against a target, a fresh local server, or the embedded default,
 * which it starts when it is not up and stops again afterwards. Output lands in a run folder under reports/runs/.
 */
@Command(name = "load", description = "Run a load simulation (Gatling) against a target or the embedded default; report in reports/runs/.")
public final class LoadCommand implements Callable<Integer> {
    static final List<String> SIMULATIONS = List.of("SingleServerScaling", "ClusterScaling", "ConnectStorm", "ReconnectStorm");

    @Spec
    CommandSpec spec;
    @Option(names = "--simulation", defaultValue = "SingleServerScaling",
            description = "SingleServerScaling, ClusterScaling, ConnectStorm or ReconnectStorm (default: ${DEFAULT-VALUE})")
    String simulation;
    @Option(names = "--target", description = "Target file; default: the embedded default (single node, or the 3-node cluster for cluster simulations)")
    Path target;
    @Option(names = "--local-server", paramLabel = "KEY-TYPE",
            description = "Start a fresh local deployment for this run only (1 node, 3 for cluster simulations) with a new PKI of this key type (ec-p256, rsa-2048, rsa-4096)")
    String localServer;
    @Option(names = "--preset", description = "Parameter preset: smoke (the main job's short run), small, fleet (~19,000 nodes)")
    String preset;
    @Option(names = "--nodes", description = "Simulated nodes")
    Integer nodes;
    @Option(names = "--clients", description = "Clients issuing discovery (default: one per server)")
    Integer clients;
    @Option(names = "--rounds", description = "Discovery rounds at steady state")
    Integer rounds;
    @Option(names = "--ramp-rate", description = "Nodes started per second")
    Double rampRate;
    @Option(names = "--kill-member", defaultValue = "2", description = "ReconnectStorm: which member of the local cluster to kill (default: ${DEFAULT-VALUE})")
    int killMember;
    @Option(names = "--param", paramLabel = "NAME=VALUE", description = "Any simulation parameter (see docs/load.md), repeatable")
    List<String> params = new ArrayList<>();
    @Option(names = "--allow-non-loopback", description = "Allow load against servers outside 127.0.0.0/8 (else needs target load.allow-non-loopback = true)")
    boolean allowNonLoopback;
    @Option(names = "--heap", description = "Injector heap (-Xmx); default scales with --nodes")
    String heap;
    @Option(names = "--reports", defaultValue = "reports", description = "Reports folder (default: ${DEFAULT-VALUE})")
    Path reports;
    @Option(names = "--state-dir", description = "State folder of the embedded default. Default: $MCO_NATS_HOME or ./.local")
    Path stateDir;

    @Override
    public Integer call() throws Exception {
        if (!SIMULATIONS.contains(simulation)) {
            throw new UserError("--simulation: unknown simulation '" + simulation + "' (one of " + String.join(", ", SIMULATIONS) + ")");
        }
        if (target != null && localServer != null) {
            throw new UserError("--target and --local-server exclude each other");
        }
        PrintWriter out = spec.commandLine().getOut();
        Path injectorClasses = injectorClasspath();
        Map<String, String> p = parameters();
        boolean cluster = simulation.equals("ClusterScaling") || simulation.equals("ReconnectStorm");
        try (Deployment d = deployment(cluster, out)) {
            p.put("target", d.targetFile().toString());
            if (simulation.equals("ReconnectStorm") && !p.containsKey("kill-member")) {
                d.memberToKill(killMember).ifPresent(dir -> p.put("kill-member", dir.toString()));
            }
            if (!d.serverPids().isEmpty()) {
                p.putIfAbsent("server-pids", String.join(",", d.serverPids().stream().map(String::valueOf).toList()));
            }
            try (RunFolder run = RunFolder.open(reports, "load")) {
                run.put("simulation", simulation);
                run.put("target", TargetFile.load(d.targetFile()).name());
                run.put("parameters", new java.util.TreeMap<>(p));
                int code = fork(injectorClasses, p, run.dir(), out);
                if (code == 0 || code == 1) {
                    run.put("result", code == 0 ? "passed" : "failed");
                    Path done = run.commit();
                    out.println((code == 0 ? "load: all claims held" : "load: some claims FAILED") + "; report: "
                            + done.resolve("gatling/index.html") + " (summary: " + done.resolve("load-summary.json") + ")");
                    return code;
                }
                return Main.USAGE_OR_ENVIRONMENT; // the injector printed the one-line error; the run folder is dropped
            }
        }
    }

    private Map<String, String> parameters() {
        Map<String, String> p = new LinkedHashMap<>();
        for (String kv : params) {
            int eq = kv.indexOf('=');
            if (eq < 1) {
                throw new UserError("--param wants NAME=VALUE, got '" + kv + "'");
            }
            p.put(kv.substring(0, eq).trim(), kv.substring(eq + 1).trim());
        }
        if (preset != null) {
            p.put("preset", preset);
        }
        if (nodes != null) {
            p.put("nodes", String.valueOf(nodes));
        }
        if (clients != null) {
            p.put("clients", String.valueOf(clients));
        }
        if (rounds != null) {
            p.put("rounds", String.valueOf(rounds));
        }
        if (rampRate != null) {
            p.put("ramp-rate", String.valueOf(rampRate));
        }
        if (allowNonLoopback) {
            p.put("allow-non-loopback", "true");
        }
        if (target != null) {
            if (!Files.isRegularFile(target)) {
                throw new UserError("--target: file not found: " + target);
            }
        }
        return p;
    }

    // ------------------------------------------------------------ the injector JVM

    private int fork(Path classes, Map<String, String> p, Path runDir, PrintWriter out) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx" + (heap != null ? heap : defaultHeap(p)));
        cmd.add("-XX:+UseParallelGC"); // smaller RSS overhead than G1's remembered sets at ~20,000 connections
        cmd.add("--add-opens=java.base/java.lang=ALL-UNNAMED"); // what Gatling's own launcher passes
        cmd.add("--enable-native-access=ALL-UNNAMED");
        p.forEach((k, v) -> cmd.add("-Dmconats.load." + k + "=" + v));
        cmd.add("-cp");
        cmd.add(classes.resolve("classes") + File.pathSeparator + classes.resolve("lib") + File.separator + "*");
        cmd.add("dev.mconats.simulations.LoadRunner");
        cmd.add(simulation);
        cmd.add(runDir.toString());
        out.println("load: " + simulation + " -> " + runDir.getParent().resolve(runDir.getFileName().toString()
                .replaceFirst("^\\.(.*)\\.partial$", "$1")));
        out.flush();
        Process child = new ProcessBuilder(cmd).inheritIO().start();
        Thread stopChild = new Thread(() -> child.destroy());
        Runtime.getRuntime().addShutdownHook(stopChild);
        try {
            return child.waitFor();
        } finally {
            Runtime.getRuntime().removeShutdownHook(stopChild);
        }
    }

    private static String defaultHeap(Map<String, String> p) {
        long n = 2000;
        try {
            n = Long.parseLong(p.getOrDefault("nodes", "fleet".equals(p.get("preset")) ? "19000" : "2000"));
        } catch (NumberFormatException ignored) {
            // the injector reports the bad value in one line
        }
        long mb = 512 + n * 80 / 1024; // measured ~40 KB heap per node, doubled for headroom
        return mb + "m";
    }

    /** simulations/target with classes/ and lib/ (built by ./mvnw package); next to cli/target, or $MCO_NATS_SIMULATIONS. */
    static Path injectorClasspath() {
        String env = System.getenv("MCO_NATS_SIMULATIONS");
        List<Path> candidates = new ArrayList<>();
        if (env != null && !env.isBlank()) {
            candidates.add(Path.of(env));
        }
        try {
            Path jar = Path.of(LoadCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
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

    // ------------------------------------------------------------ where the load goes

    private Deployment deployment(boolean cluster, PrintWriter out) {
        if (target != null) {
            return new Deployment(target.toAbsolutePath(), List.of(), Optional.empty(), () -> { });
        }
        if (localServer != null) {
            KeyType keyType;
            try {
                keyType = KeyType.parse(localServer);
            } catch (IllegalArgumentException e) {
                throw new UserError("--local-server: " + e.getMessage());
            }
            Prerequisites.ensure(out);
            Path dir;
            try {
                dir = Files.createTempDirectory("mco-nats-load-");
            } catch (IOException e) {
                throw new UserError("cannot create a temporary folder: " + e.getMessage());
            }
            LocalDeployment d = LocalDeployment.builder(dir).size(cluster ? 3 : 1).addressPrefix(LoopbackBlock.free())
                    .keyType(keyType).expectedFleetSize(20_000).start();
            out.println("load: started a fresh " + (cluster ? "3-node cluster" : "server") + " (" + keyType + ") in " + dir);
            List<Long> pids = d.cluster().nodes().stream().map(n -> n.process().pid()).toList();
            return new Deployment(d.targetFile(), pids, Optional.of(i -> d.cluster().node(i).dir()), () -> {
                d.close();
                deleteTree(dir); // a throw-away deployment: its PKI, configs and logs go with it
            });
        }
        EmbeddedDefault embedded = new EmbeddedDefault(StateDir.resolve(stateDir));
        boolean started = false;
        if (!embedded.isRunning()) {
            Prerequisites.ensure(out);
            out.println("load: starting the embedded default (it is stopped again afterwards)");
            embedded.up(KeyType.RSA_4096, false);
            started = true;
        }
        String which = cluster ? "cluster" : "single";
        Path file = cluster ? embedded.clusterTarget() : embedded.singleTarget();
        List<Long> pids = embedded.running().stream().filter(m -> m.name().startsWith(which + "/")).map(ManagedProcess::pid).toList();
        Path clusterDir = embedded.stateDir().resolve(which).resolve("cluster");
        boolean stopAfter = started;
        return new Deployment(file, pids, Optional.of(i -> clusterDir.resolve("node" + i)), () -> {
            if (stopAfter) {
                embedded.down();
            } else {
                restartKilledMembers(clusterDir);
            }
        });
    }

    // The embedded default was up before this run: leave it as found, with any killed member running again.
    private static void restartKilledMembers(Path clusterDir) {
        try (var dirs = Files.list(clusterDir)) {
            for (Path node : dirs.filter(Files::isDirectory).toList()) {
                Path conf = node.resolve("nats-server.conf");
                Path pid = node.resolve("nats-server.pid");
                if (!Files.isRegularFile(conf) || ManagedProcess.fromPidFile(node.getFileName().toString(), pid, conf.toString()).isPresent()) {
                    continue;
                }
                ManagedProcess.start(node.getFileName().toString(), List.of(Executables.natsServer().toString(), "--config", conf.toString()),
                        node.resolve("nats-server.log"), pid, conf.toString());
                awaitMonitor(conf);
            }
        } catch (IOException e) {
            throw new UserError("cannot restart the killed member under " + clusterDir + ": " + e.getMessage());
        }
    }

    private static void awaitMonitor(Path conf) throws IOException {
        String text = Files.readString(conf);
        java.util.regex.Matcher host = java.util.regex.Pattern.compile("(?m)^host: \"([^\"]+)\"").matcher(text);
        java.util.regex.Matcher port = java.util.regex.Pattern.compile("(?m)^monitor_port: (\\d+)").matcher(text);
        if (!host.find() || !port.find()) {
            return;
        }
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        URI varz = URI.create("http://" + host.group(1) + ":" + port.group(1) + "/varz");
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (http.send(HttpRequest.newBuilder(varz).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not up yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static void deleteTree(Path dir) {
        try (var walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException ignored) {
            // a leftover temporary folder is harmless
        }
    }

    /** The target of this run, the PIDs of its local servers (for CPU figures), and how to tear it down. */
    private record Deployment(Path targetFile, List<Long> serverPids, Optional<java.util.function.IntFunction<Path>> memberDirs,
                              Runnable teardown) implements AutoCloseable {
        Optional<Path> memberToKill(int index) {
            return memberDirs.map(f -> f.apply(index));
        }

        @Override
        public void close() {
            teardown.run();
        }
    }
}
