package dev.mconats.cli;

import dev.mconats.cli.progress.ProgressWatch;
import dev.mconats.reports.ReportException;
import dev.mconats.reports.RunFolder;
import dev.mconats.reports.fleet.FleetMerge;
import dev.mconats.reports.fleet.FleetResult;
import dev.mconats.reports.fleet.ShardRecord;
import dev.mconats.reports.progress.Phase;
import dev.mconats.reports.progress.ProgressFile;
import dev.mconats.reports.progress.Timeline;
import dev.mconats.targetmodel.TargetFile;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code fleet}: one simulated fleet spread over several injector JVMs (shards of the FleetScaling simulation).
 * Locally it forks all k injectors against one target (default: the embedded 3-node cluster), waits for them and
 * merges their records into one run folder. With {@code --shard I} it runs only shard I and leaves its record in
 * {@code --output}, for distributed runs (a Kubernetes Indexed Job, one pod per shard) merged later by {@code merge}.
 */
@Command(name = "fleet", description = "Run one simulated fleet over several injector JVMs (shards) and merge their records; "
        + "--shard I runs only shard I (distributed runs, merged later with 'merge').")
public final class FleetCommand implements Callable<Integer> {
    /** One injector process holds at most this many nodes: 20,000 open files, minus the JVM's own and the clients'. */
    static final int MAX_NODES_PER_INJECTOR = 19_500;
    static final String SIMULATION = "FleetScaling";

    @Spec
    CommandSpec spec;
    @Option(names = "--injectors", defaultValue = "3", description = "Injector JVMs (shards) the fleet is spread over (default: ${DEFAULT-VALUE})")
    int injectors;
    @Option(names = "--nodes", defaultValue = "3000", description = "Simulated nodes of the whole fleet (default: ${DEFAULT-VALUE})")
    int nodes;
    @Option(names = "--shard", paramLabel = "I", description = "Run only shard I (0-based) of --injectors, writing into --output; no merge")
    Integer shard;
    @Option(names = "--output", description = "With --shard: folder for this shard's record, Gatling report and samples")
    Path output;
    @Option(names = "--run-name", description = "Name all shards of one run share (their control subjects); default: the run folder's id, or 'fleet' with --shard")
    String runName;
    @Option(names = "--target", description = "Target file; default: the embedded default's 3-node cluster")
    Path target;
    @Option(names = "--local-server", paramLabel = "KEY-TYPE",
            description = "Start a fresh 3-node local cluster for this run only, with a new PKI of this key type (ec-p256, rsa-2048, rsa-4096)")
    String localServer;
    @picocli.CommandLine.Mixin
    SimulationOptions simulationOptions = new SimulationOptions();
    @picocli.CommandLine.Mixin
    ProgressOptions progress = new ProgressOptions();
    @Option(names = "--heap", description = "Heap (-Xmx) of each injector; default scales with its nodes")
    String heap;
    @Option(names = {"--results-dir", "--results"}, defaultValue = "results", description = "Results folder (default: ${DEFAULT-VALUE})")
    Path reports;
    @Option(names = "--state-dir", description = "State folder of the embedded default. Default: $MCO_NATS_HOME or ./.local")
    Path stateDir;

    @Override
    public Integer call() throws Exception {
        if (injectors < 1) {
            throw new UserError("--injectors: must be at least 1, got " + injectors);
        }
        if (nodes < injectors) {
            throw new UserError("--nodes: " + nodes + " nodes cannot fill " + injectors + " injectors");
        }
        long perInjector = (nodes + injectors - 1L) / injectors;
        if (perInjector > MAX_NODES_PER_INJECTOR) {
            throw new UserError("--nodes: " + nodes + " over " + injectors + " injectors is " + perInjector + " per injector; one injector "
                    + "holds at most " + MAX_NODES_PER_INJECTOR + " (20,000 open files per process): use --injectors "
                    + (nodes + MAX_NODES_PER_INJECTOR - 1) / MAX_NODES_PER_INJECTOR + " or more");
        }
        if (target != null && localServer != null) {
            throw new UserError("--target and --local-server exclude each other");
        }
        if (target != null && !Files.isRegularFile(target)) {
            throw new UserError("--target: file not found: " + target);
        }
        return shard != null ? oneShard(perInjector) : wholeFleet(perInjector);
    }

    /** A distributed run's part: this process forks shard I's injector and leaves its record in --output. */
    private int oneShard(long perInjector) throws IOException, InterruptedException {
        if (shard < 0 || shard >= injectors) {
            throw new UserError("--shard: " + shard + " is not below --injectors " + injectors);
        }
        if (output == null) {
            throw new UserError("--shard needs --output (the folder for this shard's record)");
        }
        if (target == null) {
            throw new UserError("--shard needs --target (every shard must use the same target file)");
        }
        Map<String, String> p = parameters(runName != null ? runName : "fleet");
        p.put("target", target.toAbsolutePath().toString());
        p.put("shard", String.valueOf(shard));
        Files.createDirectories(output);
        Path classes = InjectorJvm.classpath();
        try (ProgressWatch watch = progress.start("fleet shard " + shard, spec)) {
            watch.out().println("fleet: shard " + shard + " of " + injectors + " (" + perInjector + " nodes at most) -> "
                    + output.toAbsolutePath() + " (injector console: " + InjectorOutput.LOG + ")");
            watch.phase(Phase.STARTING_INJECTOR);
            watch.follow(List.of(output.toAbsolutePath().resolve(ProgressFile.NAME)));
            Process child = InjectorJvm.process(InjectorJvm.command(classes, List.of(), heap, perInjector, p, SIMULATION, output.toAbsolutePath(),
                    simulationOptions.allowNonLoopback())).start();
            int code;
            try (InjectorOutput console = InjectorOutput.attach(child, output.resolve(InjectorOutput.LOG), watch.view(),
                    progress.verbose, "", true)) {
                code = awaitAll(List.of(child)).get(0);
            }
            if (code == 0 || code == 1) {
                watch.finish();
            }
            return code;
        }
    }

    /** Forks every shard against one target, waits, merges. */
    private int wholeFleet(long perInjector) throws IOException, InterruptedException {
        Path classes = InjectorJvm.classpath();
        boolean startsServers = LoadDeployment.startsServers(target, localServer, stateDir);
        try (ProgressWatch watch = progress.start("fleet", spec)) {
            if (startsServers) {
                watch.phase(Phase.STARTING_SERVERS);
            }
            return wholeFleet(perInjector, classes, watch, watch.out());
        }
    }

    private int wholeFleet(long perInjector, Path classes, ProgressWatch watch, PrintWriter out) throws IOException, InterruptedException {
        try (LoadDeployment d = LoadDeployment.open(target, localServer, 3, new dev.mconats.cluster.ProcessLauncher(), true, stateDir, out);
             RunFolder run = RunFolder.open(reports, "fleet")) {
            Map<String, String> p = parameters(runName != null ? runName : run.id());
            p.put("target", d.targetFile().toString());
            if (!d.serverPids().isEmpty()) {
                p.putIfAbsent("server-pids", String.join(",", d.serverPids().stream().map(String::valueOf).toList()));
            }
            run.put("simulation", SIMULATION);
            run.put("target", TargetFile.load(d.targetFile()).name());
            run.put("parameters", new TreeMap<>(p));
            Path shards = run.dir().resolve("shards");
            out.println("fleet: " + nodes + " nodes over " + injectors + " injectors (" + perInjector + " each at most), logs in "
                    + run.finalDir().resolve("shards") + "/<i>/" + InjectorOutput.LOG);
            watch.phase(Phase.STARTING_INJECTOR);
            List<Path> progressFiles = new ArrayList<>();
            for (int i = 0; i < injectors; i++) {
                progressFiles.add(shards.resolve(i + "/" + ProgressFile.NAME));
            }
            watch.follow(progressFiles);
            List<Process> children = new ArrayList<>();
            List<InjectorOutput> consoles = new ArrayList<>();
            for (int i = 0; i < injectors; i++) {
                Map<String, String> pi = new LinkedHashMap<>(p);
                pi.put("shard", String.valueOf(i));
                Path dir = shards.resolve(String.valueOf(i));
                Files.createDirectories(dir);
                Process child = InjectorJvm.process(InjectorJvm.command(classes, List.of(), heap, perInjector, pi, SIMULATION, dir,
                        simulationOptions.allowNonLoopback())).start();
                children.add(child);
                // the shards' errors are reported below, one line each, from their logs
                consoles.add(InjectorOutput.attach(child, dir.resolve(InjectorOutput.LOG), watch.view(), progress.verbose,
                        "[shard " + i + "] ", false));
            }
            List<Integer> codes = awaitAll(children);
            for (InjectorOutput c : consoles) {
                c.close();
            }
            InjectorJvm.loadScope(shards.resolve("0")).ifPresent(scope -> run.put("load_scope", scope));
            for (int i = 0; i < codes.size(); i++) {
                out.println("fleet: injector " + i + " exited " + codes.get(i)
                        + (codes.get(i) == Main.USAGE_OR_ENVIRONMENT ? ": " + lastError(shards.resolve(i + "/injector.log")) : ""));
            }
            if (codes.stream().allMatch(c -> c == Main.USAGE_OR_ENVIRONMENT)) {
                throw new UserError(lastError(shards.resolve("0/injector.log"))); // nothing ran: no run folder
            }
            watch.phase(Phase.REPORT, "(merging " + injectors + " records)");
            FleetResult merged;
            try {
                merged = FleetMerge.merge(List.of(shards));
            } catch (ReportException e) {
                throw new UserError(e.getMessage());
            }
            merged.writeTo(run);
            watch.finish();
            run.put(Timeline.KEY, watch.timeline().toJson());
            Path done = run.commit();
            print(out, merged, done);
            return merged.passed() ? 0 : 1;
        }
    }

    private Map<String, String> parameters(String fleetRun) {
        Map<String, String> p = simulationOptions.parameters();
        p.put("nodes", String.valueOf(nodes));
        p.put("shards", String.valueOf(injectors));
        p.put("fleet-run", fleetRun);
        return p;
    }

    /** Waits for every child; if this JVM is stopped, they are stopped too. */
    private static List<Integer> awaitAll(List<Process> children) throws InterruptedException {
        Thread stop = new Thread(() -> children.forEach(Process::destroy));
        Runtime.getRuntime().addShutdownHook(stop);
        try {
            List<Integer> codes = new ArrayList<>();
            for (Process c : children) {
                codes.add(c.waitFor());
            }
            return codes;
        } finally {
            Runtime.getRuntime().removeShutdownHook(stop);
        }
    }

    /** The injector's one-line error (it prints "error: ..." and exits 2 on bad input). */
    private static String lastError(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            for (int i = lines.size() - 1; i >= 0; i--) {
                if (lines.get(i).startsWith("error: ")) {
                    return lines.get(i).substring("error: ".length());
                }
            }
        } catch (IOException ignored) {
            // fall through to the generic message
        }
        return "the injector failed, see " + log;
    }

    static void print(PrintWriter out, FleetResult r, Path done) {
        Map<String, Object> s = r.summary();
        out.println("fleet: " + (r.passed() ? "all claims held" : "some claims FAILED") + "; " + r.total(ShardRecord::maxLive) + " of "
                + r.fleetSize() + " nodes live over " + r.shardCount() + " injectors"
                + (r.missingShards().isEmpty() ? "" : ", shards without a record: " + r.missingShards()));
        out.println("fleet: broadcast replies expected " + r.total(ShardRecord::repliesExpected) + ", received "
                + r.total(ShardRecord::repliesReceived) + ", missing " + r.total(ShardRecord::repliesMissing));
        r.histogram("discovery").filter(h -> h.getTotalCount() > 0).ifPresent(h -> out.println("fleet: discovery time-to-all-replies p50 "
                + h.getValueAtPercentile(50) + " ms, p99 " + h.getValueAtPercentile(99) + " ms (" + h.getTotalCount() + " OK)"));
        out.println("fleet: report " + done.resolve("gatling/index.html") + " (summary: " + done.resolve(FleetResult.SUMMARY) + ")");
        out.flush();
    }
}
