package dev.mconats.cli;

import dev.mconats.cli.progress.ProgressWatch;
import dev.mconats.cluster.ServerLauncher;
import dev.mconats.reports.RunFolder;
import dev.mconats.reports.progress.Phase;
import dev.mconats.reports.progress.ProgressFile;
import dev.mconats.reports.progress.Timeline;
import dev.mconats.simulations.SimulationCatalog;
import dev.mconats.targetmodel.TargetFile;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code load}: runs one Gatling simulation in a forked injector JVM (its own open-files budget and JVM flags; the
 * front door has no Gatling on its classpath) against a target, a fresh local deployment, or the embedded default,
 * which it starts when it is not up and stops again afterwards. Output lands in a run folder under results/runs/.
 * Storm simulations stop and start members themselves; whatever happens (a failure, Ctrl-C, an injector that dies),
 * every member is running again and everything this command started is stopped before it exits.
 */
@Command(name = "load", description = "Run a load simulation (Gatling) against a target or the embedded default; report in results/runs/.")
public final class LoadCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Option(names = "--simulation", defaultValue = "SingleServerScaling",
            description = "One of: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}); what each does: docs/load.md",
            completionCandidates = LoadCommand.Names.class)
    String simulation;
    @Option(names = "--simulation-class", paramLabel = "CLASS",
            description = "Your own Gatling simulation (e.g. one extending dev.mconats.simulations.McoSimulation), found on --classpath; see docs/load.md")
    String simulationClass;
    @Option(names = "--classpath", paramLabel = "PATH", split = ":",
            description = "Jars or class folders holding --simulation-class (':'-separated, repeatable)")
    List<Path> userClasspath = new ArrayList<>();
    @Option(names = "--deployment", paramLabel = "single|cluster",
            description = "With --simulation-class and no --target: which embedded default deployment it runs against (default: single)")
    String deployment;
    @Option(names = "--target", description = "Target file; default: the embedded default (single node, or the 3-node cluster for cluster simulations)")
    Path target;
    @Option(names = "--local-server", paramLabel = "KEY-TYPE",
            description = "Start a fresh local deployment for this run only (see --servers) with a new PKI of this key type (ec-p256, rsa-2048, rsa-4096)")
    String localServer;
    @Option(names = "--servers", description = "With --local-server: its servers (default: 3 for cluster simulations such as ReconnectStorm and RollingRestart, else 1)")
    Integer servers;
    @picocli.CommandLine.Mixin
    LauncherOptions launcherOptions = new LauncherOptions();
    @Option(names = "--preset", description = "Parameter preset: smoke (the main job's short run), small, fleet (~19,000 nodes)")
    String preset;
    @Option(names = "--nodes", description = "Simulated nodes")
    Integer nodes;
    @Option(names = "--fault", description = "Storms: kill (SIGKILL, ReconnectStorm's default) or stop (SIGTERM, RollingRestart's default)")
    String fault;
    @Option(names = "--down-for", paramLabel = "SECONDS", description = "Storms: how long a member stays down (default 10 for ReconnectStorm, 2 for RollingRestart)")
    Double downFor;
    @Option(names = "--storm-member", paramLabel = "N|NAME", description = "ReconnectStorm: which member goes down (default: the second; the only one of one)")
    String stormMember;
    @picocli.CommandLine.Mixin
    SimulationOptions simulationOptions = new SimulationOptions();
    @picocli.CommandLine.Mixin
    ProgressOptions progress = new ProgressOptions();
    @Option(names = "--heap", description = "Injector heap (-Xmx); default scales with --nodes")
    String heap;
    @Option(names = {"--results-dir", "--results"}, defaultValue = "results", description = "Results folder (default: ${DEFAULT-VALUE})")
    Path reports;
    @Option(names = "--state-dir", description = "State folder of the embedded default. Default: $MCO_NATS_HOME or ./.local")
    Path stateDir;

    /** The names {@code --simulation} accepts, for picocli's help. */
    static final class Names implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return SimulationCatalog.all().stream().filter(SimulationCatalog.Entry::loadCommand)
                    .map(SimulationCatalog.Entry::name).iterator();
        }
    }

    @Override
    public Integer call() throws Exception {
        SimulationCatalog.Entry entry = simulationClass != null ? userSimulation()
                : SimulationCatalog.find(simulation).filter(SimulationCatalog.Entry::loadCommand)
                        .orElseThrow(() -> new UserError("--simulation: unknown simulation '" + simulation + "' (one of "
                                + SimulationCatalog.loadNames() + ")"));
        if (target != null && localServer != null) {
            throw new UserError("--target and --local-server exclude each other");
        }
        if (servers != null && localServer == null) {
            throw new UserError("--servers goes with --local-server");
        }
        Path injectorClasses = InjectorJvm.classpath();
        Map<String, String> p = parameters();
        boolean cluster = entry.deployment() == SimulationCatalog.Deployment.CLUSTER;
        int size = servers != null ? servers : cluster ? 3 : 1;
        ServerLauncher launcher = localServer == null ? null : launcherOptions.launcher();
        boolean startsServers = LoadDeployment.startsServers(target, localServer, stateDir);
        try (ProgressWatch watch = progress.start("load", spec)) {
            if (startsServers) {
                watch.phase(Phase.STARTING_SERVERS);
            }
            return run(entry, injectorClasses, p, cluster, size, launcher, watch, watch.out());
        }
    }

    private int run(SimulationCatalog.Entry entry, Path injectorClasses, Map<String, String> p, boolean cluster, int size,
                    ServerLauncher launcher, ProgressWatch watch, PrintWriter out) throws IOException, InterruptedException {
        try (LoadDeployment d = LoadDeployment.open(target, localServer, size, launcher, cluster, stateDir, out)) {
            p.put("target", d.targetFile().toString());
            if (!d.serverPids().isEmpty()) {
                p.putIfAbsent("server-pids", String.join(",", d.serverPids().stream().map(String::valueOf).toList()));
            }
            try (RunFolder run = RunFolder.open(reports, "load")) {
                run.put("simulation", entry.name());
                run.put("target", TargetFile.load(d.targetFile()).name());
                run.put("parameters", new java.util.TreeMap<>(p));
                int code = fork(injectorClasses, p, entry, run.dir(), d, watch);
                InjectorJvm.loadScope(run.dir()).ifPresent(scope -> run.put("load_scope", scope));
                d.startMembersLeftDown(run.dir()).forEach(line -> out.println("load: " + line));
                if (code == 0 || code == 1) {
                    watch.finish();
                    run.put("result", code == 0 ? "passed" : "failed");
                    run.put(Timeline.KEY, watch.timeline().toJson());
                    Path done = run.commit();
                    stormLine(done.resolve("load-summary.json")).ifPresent(out::println);
                    out.println((code == 0 ? "load: all claims held" : "load: some claims FAILED") + "; report: "
                            + done.resolve("gatling/index.html") + " (summary: " + done.resolve("load-summary.json") + ")");
                    return code;
                }
                return Main.USAGE_OR_ENVIRONMENT; // the injector printed the one-line error; the run folder is dropped
            }
        }
    }

    /** "load: ReconnectStorm PASS: ..." from the summary of a storm simulation. */
    static Optional<String> stormLine(Path summary) {
        try {
            var storm = new com.fasterxml.jackson.databind.ObjectMapper().readTree(summary.toFile()).path("storm");
            if (storm.isMissingNode()) {
                return Optional.empty();
            }
            return Optional.of("load: " + storm.path("kind").asText() + " " + storm.path("verdict").asText() + ": "
                    + storm.path("reason").asText());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private Map<String, String> parameters() {
        Map<String, String> p = simulationOptions.parameters();
        if (preset != null) {
            p.put("preset", preset);
        }
        if (nodes != null) {
            p.put("nodes", String.valueOf(nodes));
        }
        if (fault != null) {
            p.put("fault", fault);
        }
        if (downFor != null) {
            p.put("down-for", String.valueOf(downFor));
        }
        if (stormMember != null) {
            p.put("storm-member", stormMember);
        }
        if (target != null) {
            if (!Files.isRegularFile(target)) {
                throw new UserError("--target: file not found: " + target);
            }
        }
        return p;
    }

    // ------------------------------------------------------------ the injector JVM

    /** A user's simulation class: checked for what the front door can check (the injector loads and checks the class). */
    private SimulationCatalog.Entry userSimulation() {
        if (spec.commandLine().getParseResult().hasMatchedOption("--simulation")) {
            throw new UserError("--simulation and --simulation-class exclude each other");
        }
        if (!simulationClass.matches("[A-Za-z_$][\\w$]*(\\.[A-Za-z_$][\\w$]*)*")) {
            throw new UserError("--simulation-class: not a class name: '" + simulationClass + "'");
        }
        for (Path p : userClasspath) {
            if (!Files.exists(p)) {
                throw new UserError("--classpath: no such jar or folder: " + p);
            }
        }
        if (!userClasspath.isEmpty() && userClasspath.stream().noneMatch(p -> holdsClass(p, simulationClass))) {
            throw new UserError("--simulation-class: " + simulationClass + " is not in "
                    + String.join(java.io.File.pathSeparator, userClasspath.stream().map(Path::toString).toList()));
        }
        SimulationCatalog.Deployment d;
        try {
            d = deployment == null ? SimulationCatalog.Deployment.SINGLE
                    : SimulationCatalog.Deployment.valueOf(deployment.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new UserError("--deployment: expected single or cluster, got '" + deployment + "'");
        }
        return new SimulationCatalog.Entry(simulationClass, simulationClass, d, false, true, "a user's simulation");
    }

    /** Whether a class folder or jar holds the class (so a typo fails before anything starts). */
    private static boolean holdsClass(Path entry, String className) {
        String file = className.replace('.', '/') + ".class";
        if (Files.isDirectory(entry)) {
            return Files.isRegularFile(entry.resolve(file));
        }
        try (java.util.zip.ZipFile jar = new java.util.zip.ZipFile(entry.toFile())) {
            return jar.getEntry(file) != null;
        } catch (IOException e) {
            throw new UserError("--classpath: not a jar or folder: " + entry + " (" + e.getMessage() + ")");
        }
    }

    /**
     * Runs the injector: its progress file feeds the view, its console goes to injector.log (and the console with
     * --verbose), its standard error to the user's. Should this JVM be stopped meanwhile (Ctrl-C), the injector is
     * stopped first and waited for (its own hooks start any member it took down), then members it left down are
     * started and the deployment is torn down, so nothing is left behind and nothing is left down.
     */
    private int fork(Path classes, Map<String, String> p, SimulationCatalog.Entry entry, Path runDir, LoadDeployment d,
                     ProgressWatch watch) throws IOException, InterruptedException {
        List<String> cmd = InjectorJvm.command(classes, userClasspath, heap, InjectorJvm.nodes(p), p, entry.name(), runDir,
                simulationOptions.allowNonLoopback());
        watch.out().println("load: " + entry.name() + " -> " + runDir.getParent().resolve(runDir.getFileName().toString()
                .replaceFirst("^\\.(.*)\\.partial$", "$1")) + " (injector console: " + InjectorOutput.LOG + ")");
        watch.phase(Phase.STARTING_INJECTOR);
        watch.follow(List.of(runDir.resolve(ProgressFile.NAME)));
        Process child = InjectorJvm.process(cmd).start();
        Thread stopChild = new Thread(() -> {
            child.destroy();
            try {
                if (!child.waitFor(120, TimeUnit.SECONDS)) {
                    child.destroyForcibly();
                }
            } catch (InterruptedException ignored) {
                // shutting down anyway
            }
            d.startMembersLeftDown(runDir);
            d.close();
        }, "mco-nats-load-cleanup");
        Runtime.getRuntime().addShutdownHook(stopChild);
        try (InjectorOutput console = InjectorOutput.attach(child, runDir.resolve(InjectorOutput.LOG), watch.view(),
                progress.verbose, "", true)) {
            return child.waitFor();
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(stopChild);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running
            }
        }
    }
}
