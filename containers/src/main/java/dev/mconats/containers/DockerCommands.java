package dev.mconats.containers;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse.ContainerState;
import com.github.dockerjava.api.exception.NotFoundException;
import java.util.Optional;

/**
 * The by-id container operations every container handle needs (Testcontainers-managed, detached, or one named only
 * in a container.id file). Each tolerates a container that is already stopped or gone.
 */
final class DockerCommands {
    private DockerCommands() {
    }

    static boolean running(DockerClient docker, String id) {
        try {
            return state(docker, id).map(s -> Boolean.TRUE.equals(s.getRunning())).orElse(false);
        } catch (RuntimeException e) {
            return false;
        }
    }

    /**
     * The container's state; empty when no such container exists.
     *
     * @throws RuntimeException when the API cannot answer
     */
    static Optional<ContainerState> state(DockerClient docker, String id) {
        try {
            return Optional.ofNullable(docker.inspectContainerCmd(id).exec().getState());
        } catch (NotFoundException e) {
            return Optional.empty();
        }
    }

    /** SIGTERM, SIGKILL after 5 s. */
    static void stop(DockerClient docker, String id) {
        try {
            docker.stopContainerCmd(id).withTimeout(5).exec();
        } catch (RuntimeException ignored) {
            // already stopped
        }
    }

    /** @return false when there was nothing to remove */
    static boolean remove(DockerClient docker, String id) {
        try {
            docker.removeContainerCmd(id).withForce(true).exec();
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    static void kill(DockerClient docker, String id) {
        try {
            docker.killContainerCmd(id).exec();
        } catch (RuntimeException ignored) {
            // already gone
        }
    }
}
