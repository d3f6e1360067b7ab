package dev.mconats.containers;

import dev.mconats.cluster.ClusterException;
import dev.mconats.cluster.ProcessLauncher;
import dev.mconats.cluster.ServerLauncher;
import java.nio.file.Path;

/** The launcher option: {@code process}, {@code containers}, or {@code auto} (containers when a Docker API answers). */
public final class Launchers {
    private Launchers() {
    }

    /**
     * @param kind   process | containers | auto
     * @param binary nats-server binary for the process launcher (null = NATS_SERVER_BIN / PATH)
     * @param image  image for the containers launcher (null = {@link ContainerLauncher#DEFAULT_IMAGE} or $MCO_NATS_IMAGE)
     */
    public static ServerLauncher choose(String kind, Path binary, String image) {
        return choose(kind, binary, image, false);
    }

    /** @param outliveJvm containers must keep running after this JVM exits ({@code local up}) */
    public static ServerLauncher choose(String kind, Path binary, String image, boolean outliveJvm) {
        ServerLauncher l = chooseKind(kind, binary, image);
        return outliveJvm && l instanceof ContainerLauncher c ? c.outlivingJvm() : l;
    }

    private static ServerLauncher chooseKind(String kind, Path binary, String image) {
        String img = image != null ? image : System.getenv().getOrDefault("MCO_NATS_IMAGE", ContainerLauncher.DEFAULT_IMAGE);
        return switch (kind) {
            case "process" -> new ProcessLauncher(binary);
            case "containers" -> {
                if (!ContainerLauncher.available()) {
                    throw new ClusterException("--launcher containers: no Docker API reachable (start Docker, or podman's service and set DOCKER_HOST)");
                }
                yield new ContainerLauncher(img);
            }
            case "auto" -> ContainerLauncher.available() ? new ContainerLauncher(img) : new ProcessLauncher(binary);
            default -> throw new IllegalArgumentException("unknown launcher '" + kind + "' (expected process, containers or auto)");
        };
    }
}
