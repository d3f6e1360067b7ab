package dev.mconats.cluster;

import dev.mconats.pki.FixturePki;
import dev.mconats.pki.KeyType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The embedded default: a single node ({@code nats1.single.example.net} on 127.0.1.11) and the recommended 3-node
 * full mesh ({@code nats1..3.example.net} on 127.0.0.11-13), one shared Puppet-style PKI, DNS for both domains.
 * State lives in one folder; {@code up} leaves the processes running, {@code down} stops them by PID file.
 */
public final class EmbeddedDefault {
    public static final String CLUSTER_DOMAIN = "example.net";
    public static final String SINGLE_DOMAIN = "single.example.net";
    public static final String CLUSTER_PREFIX = "127.0.0.";
    public static final String SINGLE_PREFIX = "127.0.1.";
    public static final int DNS_PORT = 15353;

    private final Path stateDir;

    public EmbeddedDefault(Path stateDir) {
        this.stateDir = stateDir.toAbsolutePath().normalize();
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

    /** Result of {@link #up}: both deployments, already detached from this JVM. */
    public record Up(LocalDeployment single, LocalDeployment cluster, boolean pkiCreated) {
    }

    public Up up(KeyType keyType, boolean forceNewPki) {
        return up(keyType, forceNewPki, new ProcessLauncher());
    }

    public Up up(KeyType keyType, boolean forceNewPki, ServerLauncher launcher) {
        if (isRunning()) {
            throw new ClusterException("the local deployments are already running (state in " + stateDir + "); 'mco-nats local down' first");
        }
        boolean created = forceNewPki || !Files.exists(sslDir().resolve("certs/ca.pem"));
        FixturePki pki = FixturePki.builder(sslDir()).keyType(keyType).force(forceNewPki)
                .server("nats1." + SINGLE_DOMAIN, SINGLE_PREFIX + "11")
                .server("nats1." + CLUSTER_DOMAIN, CLUSTER_PREFIX + "11")
                .server("nats2." + CLUSTER_DOMAIN, CLUSTER_PREFIX + "12")
                .server("nats3." + CLUSTER_DOMAIN, CLUSTER_PREFIX + "13")
                .loadOrGenerate();
        LocalDeployment single = LocalDeployment.builder(stateDir.resolve("single")).domain(SINGLE_DOMAIN).size(1)
                .addressPrefix(SINGLE_PREFIX).dnsPort(DNS_PORT).pki(pki).launcher(launcher).start();
        try {
            LocalDeployment cluster = LocalDeployment.builder(stateDir.resolve("cluster")).domain(CLUSTER_DOMAIN).size(3)
                    .addressPrefix(CLUSTER_PREFIX).dnsPort(DNS_PORT).pki(pki).launcher(launcher).start();
            single.detach();
            cluster.detach();
            return new Up(single, cluster, created);
        } catch (RuntimeException e) {
            single.close();
            throw e;
        }
    }

    /** Stops every process a previous {@code up} left running; returns what it stopped. */
    public List<String> down() {
        List<ManagedProcess> running = running();
        running.parallelStream().forEach(ManagedProcess::stop);
        return running.stream().map(ManagedProcess::toString).toList();
    }

    public boolean isRunning() {
        return !running().isEmpty() || !containerIds().isEmpty();
    }

    /** IDs of containers a previous {@code up --launcher containers} left running (files {@code node<i>/container.id}). */
    public List<Path> containerIds() {
        if (!Files.isDirectory(stateDir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(stateDir, 4)) {
            return files.filter(f -> f.getFileName().toString().equals("container.id")).toList();
        } catch (IOException e) {
            throw new ClusterException("cannot read state folder " + stateDir + ": " + e.getMessage(), e);
        }
    }

    /** Processes of the embedded default that are alive, found by their PID files under the state folder. */
    public List<ManagedProcess> running() {
        List<ManagedProcess> out = new ArrayList<>();
        if (!Files.isDirectory(stateDir)) {
            return out;
        }
        try (Stream<Path> files = Files.walk(stateDir, 4)) {
            for (Path pid : files.filter(f -> f.getFileName().toString().endsWith(".pid")).toList()) {
                boolean dns = pid.getFileName().toString().startsWith("dnsmasq");
                Path conf = pid.resolveSibling(dns ? "dnsmasq.conf" : "nats-server.conf");
                String name = dns ? "dnsmasq " + stateDir.relativize(pid.getParent()) : pid.getParent().getParent().getParent().getFileName() + "/" + pid.getParent().getFileName();
                Optional<ManagedProcess> p = ManagedProcess.fromPidFile(name, pid, conf.toString());
                p.filter(ManagedProcess::isAlive).ifPresent(out::add);
            }
        } catch (IOException e) {
            throw new ClusterException("cannot read state folder " + stateDir + ": " + e.getMessage(), e);
        }
        return out;
    }
}
