package dev.mconats.cli;

import dev.mconats.cluster.ServerLauncher;
import dev.mconats.containers.Launchers;
import dev.mconats.pki.KeyType;
import dev.mconats.upgrade.Rehearsal;
import dev.mconats.upgrade.Side;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code rehearse}: before you upgrade, run conformance and a short load against version A and version B side by side. */
@Command(name = "rehearse", description = "Upgrade rehearsal: the same 3-node deployment with version A, then B; conformance + short load on each; verdict.")
public final class RehearseCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Option(names = "--launcher", defaultValue = "process", description = "process, containers or auto. Default: ${DEFAULT-VALUE}")
    String launcher;
    @Option(names = "--a-bin", description = "A: nats-server binary (process launcher)")
    Path aBin;
    @Option(names = "--b-bin", description = "B: nats-server binary (process launcher)")
    Path bBin;
    @Option(names = "--a-image", description = "A: NATS image (containers launcher), e.g. nats:2.9.10")
    String aImage;
    @Option(names = "--b-image", description = "B: NATS image (containers launcher), e.g. nats:2.10.22")
    String bImage;
    @Option(names = "--a-config", description = "A: extra nats-server config line for every node (repeatable)")
    List<String> aConfig = List.of();
    @Option(names = "--b-config", description = "B: extra nats-server config line for every node (repeatable)")
    List<String> bConfig = List.of();
    @Option(names = "--nodes", defaultValue = "" + Rehearsal.DEFAULT_NODES,
            description = "Simulated nodes in each side's load (0 = conformance only). Default: ${DEFAULT-VALUE}")
    int nodes;
    @Option(names = "--key-type", defaultValue = "ec-p256", description = "Key type of the rehearsal PKI. Default: ${DEFAULT-VALUE}")
    String keyType;
    @Option(names = "--results-dir", defaultValue = "results", description = "Results folder. Default: ${DEFAULT-VALUE}")
    Path resultsDir;
    @Option(names = "--rolling", description = "Also rehearse the upgrade itself: each member replaced by B in turn under a live fleet "
            + "(A→B), next to the same rolling restart with A (A→A), on fresh deployments of A")
    boolean rolling;
    @picocli.CommandLine.Mixin
    ProgressOptions progress = new ProgressOptions();
    @Option(names = "--work-dir", description = "Where the two deployments live. Default: $MCO_NATS_HOME/rehearsal or ./.local/rehearsal")
    Path workDir;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Prerequisites.ensure(out);
        ServerLauncher a = Launchers.choose(launcher, aBin, aImage);
        ServerLauncher b = Launchers.choose(launcher, bBin, bImage);
        Path work = workDir != null ? workDir : StateDir.resolve(null).resolve("rehearsal");
        if (rolling && nodes < 1) {
            throw new UserError("--rolling needs a fleet: --nodes must be at least 1");
        }
        progress.mode(); // a bad --progress fails before anything starts
        Rehearsal r = new Rehearsal(work, resultsDir, nodes, KeyType.parse(keyType), args -> Main.run(args.toArray(String[]::new)), out)
                .rolling(rolling).loadOptions(progress.args());
        Rehearsal.Outcome o = r.run(new Side("A", a, aConfig), new Side("B", b, bConfig));
        out.println();
        out.println("== rehearsal verdict: " + o.verdict());
        o.conformance().changes().forEach(c -> out.println("   " + (c.regression() ? "REGRESSION " : c.fix() ? "fix        " : "change     ")
                + c.checkId() + " [" + c.node() + "]: " + c.statusA() + " -> " + c.statusB()));
        o.rolling().ifPresent(roll -> {
            out.println("   rolling upgrade: " + roll.verdict());
            out.println("   details: " + o.folder().resolve("rolling-upgrade.json"));
        });
        out.println("report: " + o.folder().resolve("rehearsal.html"));
        out.println("comparison: " + resultsDir.toAbsolutePath().normalize().resolve("index.html"));
        return o.exitCode();
    }
}
