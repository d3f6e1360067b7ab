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

    /**
     * Stops and removes the container a container.id file names (a member a fault run replaced by another container
     * is recorded there, not in its launcher's handle), then deletes the file.
     */
    static void removeRecorded(DockerClient docker, java.nio.file.Path idFile) {
        try {
            String id = java.nio.file.Files.exists(idFile) ? java.nio.file.Files.readString(idFile).trim() : "";
            if (!id.isEmpty()) {
                stop(docker, id);
                remove(docker, id);
            }
            java.nio.file.Files.deleteIfExists(idFile);
        } catch (java.io.IOException ignored) {
            // a stale id file names a container that no longer exists; ContainerRecords reports it as gone
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
