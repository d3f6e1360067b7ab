package dev.mconats.containers;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.HostConfig;
import dev.mconats.cluster.ClusterException;
import dev.mconats.cluster.ConfigOverlay;
import dev.mconats.cluster.FaultKind;
import dev.mconats.cluster.LocalMember;
import dev.mconats.cluster.NodeFolder;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.testcontainers.DockerClientFactory;

/**
 * A member run by the containers launcher, known by its folder's container.id: killed (SIGKILL) or stopped (SIGTERM)
 * through the Docker API and started again as the same container (same image, config, mounts and host network).
 * For an upgrade step it is {@linkplain #upgradedTo replaced}: a new container of the candidate image with the old
 * one's mounts, network and command, recorded in container.id, so whoever owns the deployment removes the new one.
 */
public final class ContainerMember extends LocalMember {
    private final String replacementImage;
    private final ConfigOverlay overlay;
    private volatile String id;
    private volatile InspectContainerResponse original;

    private ContainerMember(NodeFolder folder, String replacementImage, List<String> extraConfig) {
        super(folder);
        this.replacementImage = replacementImage;
        this.overlay = new ConfigOverlay(folder.config(), extraConfig);
        this.id = readId();
    }

    public static ContainerMember of(NodeFolder folder) {
        if (!ContainerLauncher.available()) {
            throw new ClusterException(folder.name() + " runs in a container, but no Docker API is reachable (DOCKER_HOST)");
        }
        return new ContainerMember(folder, null, List.of());
    }

    /** The same member, replaced by a container of {@code image} with {@code extraConfig} appended to its config. */
    public ContainerMember upgradedTo(String image, List<String> extraConfig) {
        return new ContainerMember(folder, image, extraConfig);
    }

    private String readId() {
        try {
            return Files.readString(folder.containerIdFile()).trim();
        } catch (IOException e) {
            throw new ClusterException("cannot read " + folder.containerIdFile() + ": " + e.getMessage(), e);
        }
    }

    private static DockerClient docker() {
        return DockerClientFactory.instance().client();
    }

    @Override
    public void stop(FaultKind kind) {
        String current = readId();
        if (!DockerCommands.running(docker(), current)) {
            throw new ClusterException(name() + " is not running (container " + shortId(current) + ")");
        }
        id = current;
        original = docker().inspectContainerCmd(current).exec();
        if (kind == FaultKind.KILL) {
            DockerCommands.kill(docker(), current);
        } else {
            DockerCommands.stop(docker(), current);
        }
        if (DockerCommands.running(docker(), current)) {
            throw new ClusterException(name() + " (container " + shortId(current) + ") still runs after " + kind.label());
        }
    }

    @Override
    public void start() {
        if (DockerCommands.running(docker(), readId())) {
            return;
        }
        if (replacementImage == null) {
            docker().startContainerCmd(id).exec();
            ContainerLogs.follow(docker(), id, folder.log(), true);
        } else {
            overlay.apply();
            recreate(replacementImage);
        }
    }

    // A new container of another image in the old one's place: same name, command, mounts, network and labels.
    private void recreate(String image) {
        InspectContainerResponse old = original != null ? original : docker().inspectContainerCmd(id).exec();
        DetachedContainer.ensureImage(docker(), image);
        DockerCommands.remove(docker(), readId());
        HostConfig host = old.getHostConfig();
        Map<String, String> labels = old.getConfig().getLabels();
        String fresh = docker().createContainerCmd(image)
                .withName(old.getName().replaceFirst("^/", ""))
                .withCmd(old.getConfig().getCmd())
                .withLabels(labels == null ? Map.of() : labels)
                .withHostConfig(HostConfig.newHostConfig().withNetworkMode(host.getNetworkMode()).withBinds(host.getBinds()))
                .exec().getId();
        try {
            Files.writeString(folder.containerIdFile(), fresh + "\n");
        } catch (IOException e) {
            DockerCommands.remove(docker(), fresh);
            throw new ClusterException("cannot write " + folder.containerIdFile() + ": " + e.getMessage(), e);
        }
        id = fresh;
        docker().startContainerCmd(fresh).exec();
        ContainerLogs.follow(docker(), fresh, folder.log(), false);
    }

    @Override
    public Optional<String> startFailure() {
        String current = id;
        try {
            var state = docker().inspectContainerCmd(current).exec().getState();
            if (Boolean.FALSE.equals(state.getRunning()) && state.getFinishedAt() != null && !state.getFinishedAt().startsWith("0001")) {
                return Optional.of(name() + " container " + shortId(current) + " exited (code " + state.getExitCodeLong() + ")");
            }
        } catch (RuntimeException gone) {
            return Optional.of(name() + " container " + shortId(current) + " is gone");
        }
        return Optional.empty();
    }

    @Override
    public boolean rollBack() {
        if (replacementImage == null || original == null) {
            return false;
        }
        overlay.restore();
        recreate(original.getConfig().getImage());
        return true;
    }

    /** What runs now: the container and its image as the Docker API reports them. */
    @Override
    public String describe() {
        String current = readId();
        try {
            var c = docker().inspectContainerCmd(current).exec();
            return "container " + shortId(current) + " (" + c.getConfig().getImage() + (Boolean.TRUE.equals(c.getState().getRunning())
                    ? ")" : ", not running)");
        } catch (RuntimeException gone) {
            return "container " + shortId(current) + " (gone)";
        }
    }

    private static String shortId(String id) {
        return id.substring(0, Math.min(12, id.length()));
    }
}
