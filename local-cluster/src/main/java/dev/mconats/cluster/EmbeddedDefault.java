package dev.mconats.cluster;

import dev.mconats.pki.FixturePki;
import dev.mconats.pki.KeyType;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.ServiceLoader;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The embedded default: a single node ({@code nats1.single.example.net} on 127.0.1.11) and the recommended 3-node
 * full mesh ({@code nats1..3.example.net} on 127.0.0.11-13), one shared Puppet-style PKI, DNS for both domains.
 * State lives in one folder; {@code up} leaves the servers running, {@code down} removes them. {@link #status()} is
 * the one answer to "is it up?" for every command that uses it, whether its servers run as processes or containers.
 */
public final class EmbeddedDefault {
    public static final String CLUSTER_DOMAIN = "example.net";
    public static final String SINGLE_DOMAIN = "single.example.net";
    public static final String CLUSTER_PREFIX = "127.0.0.";
    public static final String SINGLE_PREFIX = "127.0.1.";
    public static final int DNS_PORT = 15353;
    /** The address blocks the deployment in this folder uses, so that every later command finds it. */
    static final String ADDRESSES_FILE = "addresses.properties";

    /** Providers first (containers), then PID files. */
    private static final List<ServerRecords> RECORDS = records();

    private final Path stateDir;

    public EmbeddedDefault(Path stateDir) {
        this.stateDir = stateDir.toAbsolutePath().normalize();
    }

    /**
     * The two loopback blocks: the single node on {@code <single>11}, the mesh on {@code <cluster>11-13}, each
     * deployment's DNS on {@code <block>2}. The documented ones are the default; tests move it to free blocks.
     */
    public record Addresses(String single, String cluster) {
        private static final Pattern BLOCK = Pattern.compile("127\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)\\.");
        // after BLOCK, which the constructor needs
        public static final Addresses DOCUMENTED = new Addresses(SINGLE_PREFIX, CLUSTER_PREFIX);

        public Addresses {
            single = block("single", single);
            cluster = block("cluster", cluster);
            if (single.equals(cluster)) {
                throw new ClusterException("the single node and the cluster need different address blocks, both are " + single);
            }
        }

        /** {@code 127.0.N.} (the trailing dot may be left out); anything else is refused naming {@code what}. */
        public static String block(String what, String value) {
            String v = value == null ? "" : value.trim();
            String b = v.endsWith(".") ? v : v + ".";
            if (!BLOCK.matcher(b).matches()) {
                throw new ClusterException(what + " address block: expected a loopback block like 127.0.5. (node i on its .1i), got '" + value + "'");
            }
            return b;
        }

        public String of(String deployment) {
            return deployment.equals(SINGLE) ? single : cluster;
        }
    }

    static final String SINGLE = "single";
    static final String CLUSTER = "cluster";

    /** One part of the embedded default (a server or a DNS fixture) and what was found of it. */
    public record Component(String deployment, String name, String endpoint, Optional<RecordedServer> found) {
        public boolean running() {
            return found.map(f -> f.liveness() == RecordedServer.Liveness.RUNNING).orElse(false);
        }

        /** E.g. {@code nats2.example.net 127.0.0.12:4222 container 0123456789ab (exited 137)}, or {@code ... not running}. */
        public String describe() {
            return name + "  " + endpoint + "  " + found.map(RecordedServer::how).orElse("not running");
        }
    }

    /** All components the embedded default consists of (4 servers, 2 DNS fixtures) and which of them run. */
    public record Status(Path stateDir, Addresses addresses, List<Component> components, boolean targetsWritten) {
        public enum State { UP, PARTLY_UP, DOWN }

        public State state() {
            long running = runningCount();
            if (running == components.size() && targetsWritten) {
                return State.UP;
            }
            boolean unknown = components.stream().anyMatch(c -> c.found().map(f -> f.liveness() == RecordedServer.Liveness.UNKNOWN).orElse(false));
            return running == 0 && !unknown ? State.DOWN : State.PARTLY_UP;
        }

        public long runningCount() {
            return components.stream().filter(Component::running).count();
        }

        /** Host PIDs of the running servers of one deployment ({@code single} or {@code cluster}), for CPU figures. */
        public List<Long> serverPids(String deployment) {
            return components.stream().filter(c -> c.deployment().equals(deployment) && !c.name().startsWith("dns "))
                    .filter(Component::running).map(c -> c.found().orElseThrow().pid()).filter(p -> p > 0).toList();
        }

        /**
         * For commands that use the embedded default and start it when it is down: true when it is up, false when it
         * is down; a partly running deployment is refused in one line naming what does not run.
         */
        public boolean upOrDown() {
            return switch (state()) {
                case UP -> true;
                case DOWN -> false;
                case PARTLY_UP -> throw new ClusterException(partlyUp());
            };
        }

        String partlyUp() {
            String missing = components.stream().filter(c -> !c.running())
                    .map(c -> c.name() + c.found().map(f -> " [" + f.how() + "]").orElse(""))
                    .collect(Collectors.joining(", "));
            return "the local deployments in " + stateDir + " are only partly up (" + runningCount() + " of " + components.size()
                    + " running" + (missing.isEmpty() ? ", target files missing" : "; not running: " + missing)
                    + "); run './mco-nats local down' and try again";
        }
    }

    /** What {@link #down()} did: one line per server or container removed, and what it could not remove. */
    public record Down(List<String> removed, List<String> failed) {
    }

    public Path stateDir() {
        return stateDir;
    }

    public Path singleTarget() {
        return stateDir.resolve("single/target.conf");
    }

    public Path clusterTarget() {
        return stateDir.resolve("cluster/target.conf");
    }

    public Path sslDir() {
        return stateDir.resolve("ssl");
    }

    /** The blocks recorded in the state folder by the last {@code up}; the documented ones when there is no record. */
    public Addresses addresses() {
        Path file = stateDir.resolve(ADDRESSES_FILE);
        if (!Files.isRegularFile(file)) {
            return Addresses.DOCUMENTED;
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file)) {
            p.load(r);
        } catch (IOException e) {
            throw new ClusterException("cannot read " + file + ": " + e.getMessage(), e);
        }
        try {
            return new Addresses(p.getProperty(SINGLE), p.getProperty(CLUSTER));
        } catch (ClusterException e) {
            throw new ClusterException(file + ": " + e.getMessage());
        }
    }

    /** Result of {@link #up}: both deployments, already detached from this JVM. */
    public record Up(LocalDeployment single, LocalDeployment cluster, boolean pkiCreated) {
    }

    public Up up(KeyType keyType, boolean forceNewPki) {
        return up(keyType, forceNewPki, new ProcessLauncher());
    }

    public Up up(KeyType keyType, boolean forceNewPki, ServerLauncher launcher) {
        return up(keyType, forceNewPki, launcher, addresses());
    }

    /**
     * Brings both deployments up on {@code at}, recorded in the state folder for every later command. A PKI made for
     * other addresses is replaced (its certificates name the addresses). Leftovers of an earlier run that no longer
     * run (exited containers) are removed first.
     */
    public Up up(KeyType keyType, boolean forceNewPki, ServerLauncher launcher, Addresses at) {
        Status before = status();
        switch (before.state()) {
            case UP -> throw new ClusterException("the local deployments are already running (state in " + stateDir + "); 'mco-nats local down' first");
            case PARTLY_UP -> throw new ClusterException(before.partlyUp());
            case DOWN -> before.components().stream().flatMap(c -> c.found().stream()).forEach(RecordedServer::remove);
        }
        boolean moved = !at.equals(before.addresses());
        boolean created = forceNewPki || moved || !Files.exists(sslDir().resolve("certs/ca.pem"));
        record(at);
        FixturePki pki = FixturePki.builder(sslDir()).keyType(keyType).force(forceNewPki || moved)
                .server("nats1." + SINGLE_DOMAIN, at.single() + "11")
                .server("nats1." + CLUSTER_DOMAIN, at.cluster() + "11")
                .server("nats2." + CLUSTER_DOMAIN, at.cluster() + "12")
                .server("nats3." + CLUSTER_DOMAIN, at.cluster() + "13")
                .loadOrGenerate();
        LocalDeployment single = LocalDeployment.builder(stateDir.resolve(SINGLE)).domain(SINGLE_DOMAIN).size(1)
                .addressPrefix(at.single()).dnsPort(DNS_PORT).pki(pki).launcher(launcher).start();
        try {
            LocalDeployment cluster = LocalDeployment.builder(stateDir.resolve(CLUSTER)).domain(CLUSTER_DOMAIN).size(3)
                    .addressPrefix(at.cluster()).dnsPort(DNS_PORT).pki(pki).launcher(launcher).start();
            single.detach();
            cluster.detach();
            return new Up(single, cluster, created);
        } catch (RuntimeException e) {
            single.close();
            throw e;
        }
    }

    private void record(Addresses at) {
        Path file = stateDir.resolve(ADDRESSES_FILE);
        try {
            Files.createDirectories(stateDir);
            Files.writeString(file, "# address blocks of the embedded default in this folder (written by 'mco-nats local up')\n"
                    + SINGLE + "=" + at.single() + "\n" + CLUSTER + "=" + at.cluster() + "\n");
        } catch (IOException e) {
            throw new ClusterException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Stops every server a previous {@code up} left and removes what it recorded: processes by PID file, containers
     * (running or exited) by their container.id. Each is reported; what cannot be removed is listed in {@code failed}.
     */
    public Down down() {
        record Outcome(String line, boolean removed) {
        }
        List<Outcome> outcomes = status().components().parallelStream().flatMap(c -> c.found().stream()).map(r -> {
            try {
                return new Outcome(r.remove(), true);
            } catch (ClusterException e) {
                return new Outcome(e.getMessage(), false);
            }
        }).toList();
        return new Down(outcomes.stream().filter(Outcome::removed).map(Outcome::line).toList(),
                outcomes.stream().filter(o -> !o.removed()).map(Outcome::line).toList());
    }

    /** Every component of the embedded default in this folder, each looked up by what its launcher recorded. */
    public Status status() {
        Addresses at = addresses();
        List<Component> out = new ArrayList<>();
        for (String deployment : List.of(SINGLE, CLUSTER)) {
            String domain = deployment.equals(SINGLE) ? SINGLE_DOMAIN : CLUSTER_DOMAIN;
            Path dir = stateDir.resolve(deployment);
            for (int i = 1; i <= (deployment.equals(SINGLE) ? 1 : 3); i++) {
                String name = "nats" + i + "." + domain;
                out.add(new Component(deployment, name, at.of(deployment) + (10 + i) + ":4222", lookup(name, dir.resolve("cluster/node" + i))));
            }
        }
        for (String deployment : List.of(SINGLE, CLUSTER)) {
            String name = "dns " + (deployment.equals(SINGLE) ? SINGLE_DOMAIN : CLUSTER_DOMAIN);
            out.add(new Component(deployment, name, at.of(deployment) + "2:" + DNS_PORT, RecordedProcess.find(name, stateDir.resolve(deployment).resolve("dns"))));
        }
        boolean targets = Files.isRegularFile(singleTarget()) && Files.isRegularFile(clusterTarget());
        return new Status(stateDir, at, List.copyOf(out), targets);
    }

    private static Optional<RecordedServer> lookup(String name, Path nodeDir) {
        if (!Files.isDirectory(nodeDir)) {
            return Optional.empty();
        }
        for (ServerRecords r : RECORDS) {
            Optional<RecordedServer> found = r.find(name, nodeDir);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    private static List<ServerRecords> records() {
        List<ServerRecords> out = new ArrayList<>();
        ServiceLoader.load(ServerRecords.class, EmbeddedDefault.class.getClassLoader()).forEach(out::add);
        out.add(RecordedProcess::find);
        return List.copyOf(out);
    }
}
