package dev.mconats.cli;

import dev.mconats.cluster.EmbeddedDefault;
import dev.mconats.cluster.LocalDeployment;
import dev.mconats.cluster.NodeConfig;
import dev.mconats.pki.KeyType;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code local up|down|status}: the embedded default deployments (1 node and a 3-node mesh) on loopback. */
@Command(name = "local", description = "Start, stop or show the embedded local deployments (1 node and a 3-node cluster).",
        subcommands = {LocalCommand.Up.class, LocalCommand.Down.class, LocalCommand.Status.class})
public final class LocalCommand {

    public static class StateOption {
        @Option(names = "--state-dir", description = "State folder (PKI, configs, logs, PID files). Default: $MCO_NATS_HOME or ./.local")
        Path stateDir;

        EmbeddedDefault embedded() {
            return new EmbeddedDefault(StateDir.resolve(stateDir));
        }
    }

    @Command(name = "up", description = "Bring up both local deployments and write their target files.")
    static final class Up implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @picocli.CommandLine.Mixin
        StateOption state = new StateOption();
        @Option(names = "--key-type", defaultValue = "rsa-4096", description = "Key type for a new PKI: rsa-4096 (Puppet's default), rsa-2048, ec-p256")
        String keyType;
        @Option(names = "--force-new-pki", description = "Replace an existing PKI in the state folder")
        boolean forceNewPki;
        @picocli.CommandLine.Mixin
        LauncherOptions launcher = new LauncherOptions();
        @Option(names = "--single-block", paramLabel = "127.0.N.",
                description = "Address block of the single node (node on .11, DNS on .2). Default: the one recorded in the state folder, else 127.0.1.")
        String singleBlock;
        @Option(names = "--cluster-block", paramLabel = "127.0.N.",
                description = "Address block of the 3-node cluster (nodes on .11-.13, DNS on .2). Default: the one recorded in the state folder, else 127.0.0.")
        String clusterBlock;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            EmbeddedDefault embedded = state.embedded();
            EmbeddedDefault.Addresses recorded = embedded.addresses();
            EmbeddedDefault.Addresses at = new EmbeddedDefault.Addresses(singleBlock != null ? singleBlock : recorded.single(),
                    clusterBlock != null ? clusterBlock : recorded.cluster());
            Prerequisites.ensure(out);
            long start = System.nanoTime();
            var l = launcher.detachedLauncher();
            EmbeddedDefault.Up up = embedded.up(KeyType.parse(keyType), forceNewPki, l, at);
            out.println("servers: " + l.describe());
            out.printf("local deployments up in %.1f s%s%n", (System.nanoTime() - start) / 1e9,
                    up.pkiCreated() ? " (new " + keyType + " PKI in " + state.embedded().sslDir() + ")" : "");
            describe(out, "single", up.single());
            describe(out, "cluster", up.cluster());
            out.println("stop them with: ./mco-nats local down");
            return 0;
        }
    }

    @Command(name = "down", description = "Stop every server the local deployments started and remove their containers (running or exited).")
    static final class Down implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @picocli.CommandLine.Mixin
        StateOption state = new StateOption();

        @Override
        public Integer call() {
            EmbeddedDefault.Down down = state.embedded().down();
            PrintWriter out = spec.commandLine().getOut();
            if (down.removed().isEmpty() && down.failed().isEmpty()) {
                out.println("nothing running in " + state.embedded().stateDir());
            }
            down.removed().forEach(out::println);
            if (!down.failed().isEmpty()) {
                out.flush();
                down.failed().forEach(f -> spec.commandLine().getErr().println("error: " + f));
                return Main.USAGE_OR_ENVIRONMENT;
            }
            return 0;
        }
    }

    @Command(name = "status", description = "Show the target files, endpoints and servers of the local deployments; exit 0 when all are up, 3 otherwise.")
    static final class Status implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @picocli.CommandLine.Mixin
        StateOption state = new StateOption();

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            EmbeddedDefault e = state.embedded();
            EmbeddedDefault.Status s = e.status();
            EmbeddedDefault.Addresses at = s.addresses();
            out.println("state folder: " + e.stateDir());
            out.println("single  target: " + e.singleTarget() + "  (nats1.single.example.net = " + at.single() + "11:4222, monitor :8222)");
            out.println("cluster target: " + e.clusterTarget() + "  (nats1..3.example.net = " + at.cluster() + "11-13:4222, monitor :8222)");
            for (EmbeddedDefault.Component c : s.components()) {
                out.println((c.running() ? "running: " : "down:    ") + c.describe());
            }
            switch (s.state()) {
                case UP -> out.println("all " + s.components().size() + " up");
                case PARTLY_UP -> out.println("partly up: " + s.runningCount() + " of " + s.components().size()
                        + " running ('./mco-nats local down' removes the rest)");
                case DOWN -> out.println("down (start with ./mco-nats local up)");
            }
            return s.state() == EmbeddedDefault.Status.State.UP ? 0 : 3;
        }
    }

    static void describe(PrintWriter out, String label, LocalDeployment d) {
        out.println(label + ": target file " + d.targetFile());
        for (NodeConfig c : d.cluster().configs()) {
            out.println("  " + c.name() + "  tls://" + c.clientEndpoint() + "  monitor " + c.monitorUrl());
        }
        out.println("  SRV _mcollective-server._tcp." + d.domain() + " via " + d.dns().address().getHostString() + ":" + d.dns().address().getPort());
    }
}
