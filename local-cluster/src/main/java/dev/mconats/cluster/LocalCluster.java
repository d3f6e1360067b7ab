package dev.mconats.cluster;

import dev.mconats.pki.PuppetSslDir;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * nats-server processes laid out like the seed deployment: node i named {@code nats<i>.<domain>}, listening on its
 * own loopback address with client port 4222, cluster port 4223 and monitor port 8222, full route mesh, verified TLS
 * everywhere. Every process is stopped on {@link #close()}, on a failed start, and on JVM exit unless detached.
 */
public final class LocalCluster implements AutoCloseable {
    public static final String ROUTE_USER = "routes";

    /** A running (or stopped) member. */
    public record Node(int index, NodeConfig config, Path dir, RunningServer process) {
        public Path log() {
            return dir.resolve("nats-server.log");
        }

        public Path configFile() {
            return dir.resolve("nats-server.conf");
        }

        public Path pidFile() {
            return dir.resolve("nats-server.pid");
        }
    }

    private final Path runDir;
    private final List<Node> nodes;
    private final ServerLauncher launcher;

    private LocalCluster(Path runDir, List<Node> nodes, ServerLauncher launcher) {
        this.runDir = runDir;
        this.nodes = nodes;
        this.launcher = launcher;
    }

    public ServerLauncher launcher() {
        return launcher;
    }

    public static Builder builder(Path runDir, PuppetSslDir ssl) {
        return new Builder(runDir, ssl);
    }

    public Path runDir() {
        return runDir;
    }

    public List<Node> nodes() {
        return List.copyOf(nodes);
    }

    public Node node(int index) {
        return nodes.stream().filter(n -> n.index() == index).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no node " + index));
    }

    public List<NodeConfig> configs() {
        return nodes.stream().map(Node::config).toList();
    }

    /** Kills a member with SIGKILL (a crash, for fault tests). */
    public void kill(int index) {
        node(index).process().kill();
    }

    /** Starts a stopped or killed member again with the same config. */
    public void restart(int index) {
        Node old = node(index);
        old.process().stop();
        ProcessRegistry.unregister(old.process());
        Node fresh = launch(launcher, old.config(), old.dir());
        nodes.set(nodes.indexOf(old), fresh);
        awaitUp(fresh, Duration.ofSeconds(20));
    }

    /** Leave the servers running after this JVM exits ({@code local up}); {@code local down} stops them by PID file. */
    public void detach() {
        nodes.forEach(n -> ProcessRegistry.unregister(n.process()));
    }

    @Override
    public void close() {
        nodes.parallelStream().forEach(n -> {
            n.process().stop();
            ProcessRegistry.unregister(n.process());
        });
    }

    static Node launch(ServerLauncher launcher, NodeConfig config, Path dir) {
        Path conf = dir.resolve("nats-server.conf");
        Path pid = dir.resolve("nats-server.pid");
        try {
            Files.createDirectories(dir);
            Files.writeString(conf, NatsConf.render(config, pid.toString()));
            Files.deleteIfExists(dir.resolve("nats-server.log"));
        } catch (IOException e) {
            throw new ClusterException("cannot write " + conf + ": " + e.getMessage(), e);
        }
        RunningServer p = launcher.launch(config, conf, dir);
        ProcessRegistry.register(p);
        return new Node(Integer.parseInt(dir.getFileName().toString().replaceAll("\\D", "")), config, dir, p);
    }

    static void awaitUp(Node n, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!n.process().isAlive()) {
                throw new ClusterException(n.config().name() + " exited at start: " + LogTail.of(n.log()));
            }
            if (Monitor.get(n.config().monitorUrl(), "/varz").isPresent()) {
                return;
            }
            DnsFixture.sleep(50);
        }
        throw new ClusterException(n.config().name() + " not ready on " + n.config().monitorUrl() + "/varz within "
                + timeout.toSeconds() + " s: " + LogTail.of(n.log()));
    }

    public static final class Builder {
        private final Path runDir;
        private final PuppetSslDir ssl;
        private final List<String[]> members = new ArrayList<>();
        private final Map<Integer, UnaryOperator<NodeConfig>> overrides = new HashMap<>();
        private String routePassword = "secret";
        private boolean awaitFullMesh = true;
        private Duration readyTimeout = Duration.ofSeconds(20);
        private ServerLauncher launcher = new ProcessLauncher();

        private Builder(Path runDir, PuppetSslDir ssl) {
            this.runDir = runDir.toAbsolutePath();
            this.ssl = ssl;
        }

        /** Adds a member; its certificate must exist in the SSL dir under {@code name}. Index = position (1-based). */
        public Builder node(String name, String address) {
            members.add(new String[] {name, address});
            return this;
        }

        /** The seed layout: {@code nats1.<domain>} on {@code <prefix>11}, {@code nats2} on {@code <prefix>12}, ... */
        public Builder seedLayout(int size, String domain, String addressPrefix) {
            for (int i = 1; i <= size; i++) {
                node("nats" + i + "." + domain, addressPrefix + (10 + i));
            }
            return this;
        }

        public Builder routePassword(String password) {
            this.routePassword = password;
            return this;
        }

        /** Change one node's config before start (1-based index), to break it in exactly one way. */
        public Builder override(int index, UnaryOperator<NodeConfig> change) {
            overrides.merge(index, change, (a, b) -> c -> b.apply(a.apply(c)));
            return this;
        }

        /** Wait for n-1 routes on every node (default), or only for each monitor endpoint (broken meshes). */
        public Builder awaitFullMesh(boolean await) {
            this.awaitFullMesh = await;
            return this;
        }

        /** How nodes run: {@link ProcessLauncher} (default) or a container launcher. */
        public Builder launcher(ServerLauncher l) {
            this.launcher = l;
            return this;
        }

        public Builder readyTimeout(Duration timeout) {
            this.readyTimeout = timeout;
            return this;
        }

        public List<NodeConfig> configs() {
            List<NodeConfig> out = new ArrayList<>();
            for (int i = 0; i < members.size(); i++) {
                String name = members.get(i)[0];
                String address = members.get(i)[1];
                List<String> peers = new ArrayList<>();
                for (int j = 0; j < members.size(); j++) {
                    if (j != i) {
                        peers.add(members.get(j)[1] + ":4223");
                    }
                }
                NodeConfig c = NodeConfig.seed(name, address, ssl.caCert(), ssl.cert(name), ssl.privateKey(name), ROUTE_USER,
                        routePassword, peers);
                out.add(overrides.getOrDefault(i + 1, UnaryOperator.identity()).apply(c));
            }
            return out;
        }

        public LocalCluster start() {
            if (members.isEmpty()) {
                throw new ClusterException("a cluster needs at least one node");
            }
            List<NodeConfig> configs = configs();
            for (NodeConfig c : configs) {
                if (!java.nio.file.Files.isRegularFile(c.certFile()) && c.tls()) {
                    throw new ClusterException("no certificate for " + c.name() + " at " + c.certFile());
                }
                Ports.requireFree(c.address(), c.clientPort(), c.name() + " client port");
                Ports.requireFree(c.address(), c.clusterPort(), c.name() + " cluster port");
                Ports.requireFree(c.address(), c.monitorPort(), c.name() + " monitor port");
            }
            List<Node> nodes = new ArrayList<>();
            LocalCluster cluster = new LocalCluster(runDir, nodes, launcher);
            try {
                for (int i = 0; i < configs.size(); i++) {
                    nodes.add(launch(launcher, configs.get(i), runDir.resolve("node" + (i + 1))));
                }
                for (Node n : nodes) {
                    awaitUp(n, readyTimeout);
                }
                if (awaitFullMesh && nodes.size() > 1) {
                    awaitMesh(nodes);
                }
                return cluster;
            } catch (RuntimeException e) {
                cluster.close();
                throw e;
            }
        }

        private void awaitMesh(List<Node> nodes) {
            long deadline = System.nanoTime() + readyTimeout.toNanos();
            int want = nodes.size() - 1;
            while (true) {
                List<String> short_ = new ArrayList<>();
                for (Node n : nodes) {
                    int have = Monitor.numRoutes(n.config().monitorUrl());
                    if (have != want) {
                        short_.add(n.config().name() + " has " + have);
                    }
                }
                if (short_.isEmpty()) {
                    return;
                }
                if (System.nanoTime() > deadline) {
                    throw new ClusterException("route mesh incomplete after " + readyTimeout.toSeconds() + " s (want "
                            + want + " routes each): " + String.join(", ", short_));
                }
                DnsFixture.sleep(100);
            }
        }
    }
}
