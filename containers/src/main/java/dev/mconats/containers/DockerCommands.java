package dev.mconats.containers;

import com.github.dockerjava.api.DockerClient;

/**
 * The by-id container operations every container handle needs (Testcontainers-managed, detached, or one named only
 * in a container.id file). Each tolerates a container that is already stopped or gone.
 */
final class DockerCommands {
    private DockerCommands() {
    }

    static boolean running(DockerClient docker, String id) {
        try {
            return Boolean.TRUE.equals(docker.inspectContainerCmd(id).exec().getState().getRunning());
        } catch (RuntimeException e) {
            return false;
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
