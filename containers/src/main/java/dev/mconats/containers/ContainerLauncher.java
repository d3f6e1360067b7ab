package dev.mconats.containers;

import com.github.dockerjava.api.DockerClient;
import dev.mconats.cluster.ClusterException;
import dev.mconats.cluster.NodeConfig;
import dev.mconats.cluster.RunningServer;
import dev.mconats.cluster.ServerLauncher;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashSet;
import java.util.Set;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.BindMode;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.output.OutputFrame;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.PullPolicy;
import org.testcontainers.utility.DockerImageName;

/**
 * Runs each node in a container of any NATS image (the official {@code nats:<version>} on Docker hosts, a locally built
 * one here) through Testcontainers, with the very config, certificates and addresses the process launcher uses. Config
 * and certificate folders are bind-mounted at the same paths, so the rendered config works unchanged inside.
 *
 * <p>Host networking is the default: nodes keep their 127.0.N.x addresses and all traffic stays on loopback. A bridge
 * network can be chosen on Docker hosts where that is wanted ({@code network} = a network name).
 */
public final class ContainerLauncher implements ServerLauncher {
    public static final String DEFAULT_IMAGE = "nats:2.9.10";

    private final String image;
    private final String network;
    private final boolean outlivesJvm;

    public ContainerLauncher(String image) {
        this(image, "host", false);
    }

    public ContainerLauncher(String image, String network, boolean outlivesJvm) {
        this.image = image;
        this.network = network;
        this.outlivesJvm = outlivesJvm;
    }

    /**
     * A launcher whose containers survive this JVM ({@code local up}); later commands find them by their container.id
     * files ({@link ContainerRecords}), and {@code local down} removes them. Testcontainers registers every
     * GenericContainer with its resource reaper, which removes it at JVM exit, so these are created through
     * Testcontainers' Docker client directly instead.
     */
    public ContainerLauncher outlivingJvm() {
        return new ContainerLauncher(image, network, true);
    }

    /** True when a Docker-compatible API (Docker, or podman's service via DOCKER_HOST) answers. */
    public static boolean available() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (Throwable e) {
            return false;
        }
    }

    public String image() {
        return image;
    }

    @Override
    public String name() {
        return "containers";
    }

    @Override
    public String describe() {
        return "containers " + image + " (network " + network + ")";
    }

    @Override
    public RunningServer launch(NodeConfig config, Path configFile, Path dir) {
        if (!available()) {
            throw new ClusterException("no Docker API reachable for the containers launcher (set DOCKER_HOST, e.g. to podman's socket)");
        }
        Path log = dir.resolve("nats-server.log");
        Set<Path> mounts = new LinkedHashSet<>();
        mounts.add(dir.toAbsolutePath());
        if (config.tls() || config.clusterTls()) {
            mounts.add(config.caFile().toAbsolutePath().getParent());
            mounts.add(config.certFile().toAbsolutePath().getParent());
            mounts.add(config.keyFile().toAbsolutePath().getParent());
        }
        try {
            Files.deleteIfExists(log);
            Files.createFile(log);
        } catch (IOException e) {
            throw new ClusterException("cannot create " + log + ": " + e.getMessage());
        }
        if (outlivesJvm) {
            return DetachedContainer.start(image, network, config, configFile, dir, mounts);
        }
        DockerImageName name = DockerImageName.parse(image);
        @SuppressWarnings("resource") // stopped through the returned RunningServer
        GenericContainer<?> c = new GenericContainer<>(name)
                .withCommand("--config", configFile.toAbsolutePath().toString())
                .withNetworkMode(network)
                .withLogConsumer(frame -> append(log, frame))
                .withCreateContainerCmdModifier(cmd -> cmd.withName("mco-nats-" + config.name().replace('.', '-') + "-" + ProcessHandle.current().pid() + "-" + System.nanoTime() % 100000))
                .waitingFor(Wait.forLogMessage(".*Server is ready.*", 1).withStartupTimeout(java.time.Duration.ofSeconds(20)));
        if (image.startsWith("localhost/")) {
            c.withImagePullPolicy(n -> false); // a locally built image: there is no registry to ask
        } else {
            c.withImagePullPolicy(PullPolicy.defaultPolicy());
        }
        for (Path m : mounts) {
            c.withFileSystemBind(m.toString(), m.toString(), m.equals(dir.toAbsolutePath()) ? BindMode.READ_WRITE : BindMode.READ_ONLY);
        }
        try {
            c.start();
        } catch (RuntimeException e) {
            try {
                c.stop();
            } catch (RuntimeException ignored) {
                // the container may never have been created
            }
            throw new ClusterException(config.name() + " container (" + image + ") did not start: " + lastLine(log, e));
        }
        try {
            Files.writeString(dir.resolve(ContainerRecords.ID_FILE), c.getContainerId() + "\n");
        } catch (IOException e) {
            c.stop();
            throw new ClusterException("cannot write " + dir.resolve(ContainerRecords.ID_FILE) + ": " + e.getMessage());
        }
        return new ContainerServer(config.name(), c, DockerClientFactory.instance().client(), dir.resolve(ContainerRecords.ID_FILE));
    }

    static void append(Path log, OutputFrame frame) {
        try {
            // No CREATE: output that arrives after the node was stopped and its folder removed must not recreate it.
            Files.writeString(log, frame.getUtf8String(), StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        } catch (IOException ignored) {
            // the log is a diagnostic aid; the server's health is judged by its monitor endpoint
        }
    }

    static String lastLine(Path log, RuntimeException e) {
        try {
            var lines = Files.readAllLines(log);
            for (int i = lines.size() - 1; i >= 0; i--) {
                if (!lines.get(i).isBlank()) {
                    return lines.get(i).trim() + " (log: " + log + ")";
                }
            }
        } catch (IOException ignored) {
            // fall back to the exception
        }
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return String.valueOf(t.getMessage()).replace('\n', ' ');
    }

    /** A node in a container; stop is graceful (SIGTERM through the API), kill is SIGKILL. */
    static final class ContainerServer implements RunningServer {
        private final String name;
        private final GenericContainer<?> container;
        private final DockerClient docker;
        private final long pid;
        private final Path idFile;

        ContainerServer(String name, GenericContainer<?> container, DockerClient docker, Path idFile) {
            this.name = name;
            this.container = container;
            this.docker = docker;
            this.idFile = idFile;
            Long p = container.getContainerInfo().getState().getPidLong();
            this.pid = p == null ? -1 : p;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public long pid() {
            return pid;
        }

        @Override
        public boolean isAlive() {
            return DockerCommands.running(docker, container.getContainerId());
        }

        @Override
        public void stop() {
            DockerCommands.stop(docker, container.getContainerId()); // graceful first: Testcontainers' stop kills
            container.stop(); // removes the container and its Testcontainers resources
            // a fault run may have replaced this member by another container (an upgrade step): remove that one too
            DockerCommands.removeRecorded(docker, idFile);
        }

        @Override
        public void kill() {
            DockerCommands.kill(docker, container.getContainerId());
        }

        @Override
        public String toString() {
            return name + " (container " + container.getContainerId().substring(0, 12) + ", pid " + pid + ")";
        }
    }
}
