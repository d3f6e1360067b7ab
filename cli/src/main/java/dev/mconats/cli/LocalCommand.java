package dev.mconats.cli;

import dev.mconats.cluster.EmbeddedDefault;
import dev.mconats.cluster.LocalDeployment;
import dev.mconats.cluster.ManagedProcess;
import dev.mconats.cluster.NodeConfig;
import dev.mconats.pki.KeyType;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
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

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            Prerequisites.ensure(out);
            long start = System.nanoTime();
            var l = launcher.detachedLauncher();
            EmbeddedDefault.Up up = state.embedded().up(KeyType.parse(keyType), forceNewPki, l);
            out.println("servers: " + l.describe());
            out.printf("local deployments up in %.1f s%s%n", (System.nanoTime() - start) / 1e9,
                    up.pkiCreated() ? " (new " + keyType + " PKI in " + state.embedded().sslDir() + ")" : "");
            describe(out, "single", up.single());
            describe(out, "cluster", up.cluster());
            out.println("stop them with: ./mco-nats local down");
            return 0;
        }
    }

    @Command(name = "down", description = "Stop every process the local deployments started (by PID file).")
    static final class Down implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @picocli.CommandLine.Mixin
        StateOption state = new StateOption();

        @Override
        public Integer call() {
            List<String> stopped = new java.util.ArrayList<>(state.embedded().down());
            for (Path id : state.embedded().containerIds()) {
                dev.mconats.containers.ContainerLauncher.stopRecorded(id).ifPresent(stopped::add);
            }
            PrintWriter out = spec.commandLine().getOut();
            if (stopped.isEmpty()) {
                out.println("nothing running in " + state.embedded().stateDir());
            } else {
                stopped.forEach(s -> out.println("stopped " + s));
            }
            return 0;
        }
    }

    @Command(name = "status", description = "Show the target files, endpoints and processes of the local deployments.")
    static final class Status implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @picocli.CommandLine.Mixin
        StateOption state = new StateOption();

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            EmbeddedDefault e = state.embedded();
            List<ManagedProcess> running = e.running();
            out.println("state folder: " + e.stateDir());
            out.println("single  target: " + e.singleTarget() + "  (nats1.single.example.net = 127.0.1.11:4222, monitor :8222)");
            out.println("cluster target: " + e.clusterTarget() + "  (nats1..3.example.net = 127.0.0.11-13:4222, monitor :8222)");
            out.println("DNS: 127.0.1.2:" + EmbeddedDefault.DNS_PORT + " (single.example.net), 127.0.0.2:" + EmbeddedDefault.DNS_PORT + " (example.net)");
            if (running.isEmpty() && e.containerIds().isEmpty()) {
                out.println("processes: none running (start with ./mco-nats local up)");
                return 3;
            }
            running.forEach(p -> out.println("running: " + p));
            List<Path> containers = e.containerIds().stream().filter(dev.mconats.containers.ContainerLauncher::isRunning).toList();
            containers.forEach(id -> out.println("running: container " + e.stateDir().relativize(id.getParent())));
            return running.size() + containers.size() == 6 ? 0 : 3;
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
