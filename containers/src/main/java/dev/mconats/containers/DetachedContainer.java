package dev.mconats.containers;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.AccessMode;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Volume;
import dev.mconats.cluster.ClusterException;
import dev.mconats.cluster.NodeConfig;
import dev.mconats.cluster.RunningServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.testcontainers.DockerClientFactory;

/** A node container that outlives the JVM that started it ({@code local up --launcher containers}). */
final class DetachedContainer implements RunningServer {
    /** Every such container is labelled with its node folder, so that it can be told apart in {@code podman ps}. */
    static final String LABEL = "dev.mconats.deployment";

    private final String name;
    private final String id;
    private final DockerClient docker;
    private final long pid;
    private final Path idFile;

    private DetachedContainer(String name, String id, DockerClient docker, Path idFile) {
        this.name = name;
        this.id = id;
        this.docker = docker;
        this.idFile = idFile;
        Long p = docker.inspectContainerCmd(id).exec().getState().getPidLong();
        this.pid = p == null ? -1 : p;
    }

    static RunningServer start(String image, String network, NodeConfig config, Path configFile, Path dir, Set<Path> mounts) {
        DockerClient docker = DockerClientFactory.instance().client();
        Path log = dir.resolve("nats-server.log");
        Path idFile = dir.resolve(ContainerRecords.ID_FILE);
        String id = null;
        try {
            ensureImage(docker, image);
            List<Bind> binds = mounts.stream().map(m -> new Bind(m.toString(), new Volume(m.toString()),
                    m.equals(dir.toAbsolutePath()) ? AccessMode.rw : AccessMode.ro)).toList();
            id = docker.createContainerCmd(image)
                    .withName("mco-nats-" + config.name().replace('.', '-') + "-" + ProcessHandle.current().pid())
                    .withCmd("--config", configFile.toAbsolutePath().toString())
                    .withLabels(Map.of(LABEL, dir.toAbsolutePath().toString()))
                    .withHostConfig(HostConfig.newHostConfig().withNetworkMode(network).withBinds(binds))
                    .exec().getId();
            Files.writeString(idFile, id + "\n");
            docker.startContainerCmd(id).exec();
            // Copy the server's output into the node's log while this JVM lives; `podman logs <id>` has it after that.
            ContainerLogs.follow(docker, id, log, false);
            return new DetachedContainer(config.name(), id, docker, idFile);
        } catch (IOException | RuntimeException e) {
            if (id != null) { // created but not started: nothing may stay behind
                DockerCommands.remove(docker, id);
                try {
                    Files.deleteIfExists(idFile);
                } catch (IOException ignored) {
                    // names a container that no longer exists; ContainerRecords reports it as gone
                }
            }
            throw new ClusterException(config.name() + " container (" + image + ") did not start: "
                    + String.valueOf(e.getMessage()).replace('\n', ' '));
        }
    }

    static void ensureImage(DockerClient docker, String image) {
        try {
            docker.inspectImageCmd(image).exec();
        } catch (RuntimeException absent) {
            if (image.startsWith("localhost/")) {
                throw new ClusterException("image " + image + " not found (build it: containers/podman/podman-service.sh start)");
            }
            try {
                docker.pullImageCmd(image).start().awaitCompletion();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ClusterException("interrupted while pulling " + image);
            }
        }
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
        return DockerCommands.running(docker, id);
    }

    @Override
    public void stop() {
        DockerCommands.stop(docker, id);
        DockerCommands.remove(docker, id);
        // a fault run may have replaced this member by another container (an upgrade step): remove that one too
        DockerCommands.removeRecorded(docker, idFile);
    }

    @Override
    public void kill() {
        DockerCommands.kill(docker, id);
    }

    @Override
    public String toString() {
        return name + " (container " + id.substring(0, 12) + ", pid " + pid + ")";
    }

}
