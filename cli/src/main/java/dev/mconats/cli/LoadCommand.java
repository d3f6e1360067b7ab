package dev.mconats.cli;

import dev.mconats.cluster.EmbeddedDefault;
import dev.mconats.cluster.Executables;
import dev.mconats.cluster.LocalDeployment;
import dev.mconats.cluster.LoopbackBlock;
import dev.mconats.cluster.ManagedProcess;
import dev.mconats.pki.KeyType;
import dev.mconats.reports.RunFolder;
import dev.mconats.targetmodel.TargetFile;
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
 * which it starts when it is not up and stops again afterwards. Output lands in a run folder under results/runs/.
 */
@Command(name = "load", description = "Run a load simulation (Gatling) against a target or the embedded default; report in results/runs/.")
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
    @Option(names = "--kill-member", defaultValue = "2", description = "ReconnectStorm: which member of the local cluster to kill (default: ${DEFAULT-VALUE})")
    int killMember;
    @picocli.CommandLine.Mixin
    SimulationOptions simulationOptions = new SimulationOptions();
    @Option(names = "--heap", description = "Injector heap (-Xmx); default scales with --nodes")
    String heap;
    @Option(names = {"--results-dir", "--results"}, defaultValue = "results", description = "Results folder (default: ${DEFAULT-VALUE})")
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
        Path injectorClasses = InjectorJvm.classpath();
        Map<String, String> p = parameters();
        boolean cluster = simulation.equals("ClusterScaling") || simulation.equals("ReconnectStorm");
        try (LoadDeployment d = LoadDeployment.open(target, localServer, cluster, stateDir, out)) {
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
                InjectorJvm.loadScope(run.dir()).ifPresent(scope -> run.put("load_scope", scope));
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
        Map<String, String> p = simulationOptions.parameters();
        if (preset != null) {
            p.put("preset", preset);
        }
        if (nodes != null) {
            p.put("nodes", String.valueOf(nodes));
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
        List<String> cmd = InjectorJvm.command(classes, heap, InjectorJvm.nodes(p), p, simulation, runDir,
                simulationOptions.allowNonLoopback());
        out.println("load: " + simulation + " -> " + runDir.getParent().resolve(runDir.getFileName().toString()
                .replaceFirst("^\\.(.*)\\.partial$", "$1")));
        out.flush();
        Process child = InjectorJvm.process(cmd).inheritIO().start();
        Thread stopChild = new Thread(() -> child.destroy());
        Runtime.getRuntime().addShutdownHook(stopChild);
        try {
            return child.waitFor();
        } finally {
            Runtime.getRuntime().removeShutdownHook(stopChild);
        }
    }


}
