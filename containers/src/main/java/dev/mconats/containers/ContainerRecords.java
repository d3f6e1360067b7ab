package dev.mconats.containers;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse.ContainerState;
import dev.mconats.cluster.ClusterException;
import dev.mconats.cluster.RecordedServer;
import dev.mconats.cluster.ServerRecords;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.testcontainers.DockerClientFactory;

/**
 * Finds the container a node folder's {@code container.id} names ({@code local up --launcher containers}) and asks the
 * Docker API how it is: running, exited (still to be removed), or unknown when no API answers. Loaded by the embedded
 * default through {@link java.util.ServiceLoader}.
 */
public final class ContainerRecords implements ServerRecords {
    static final String ID_FILE = "container.id";

    @Override
    public Optional<RecordedServer> find(String name, Path nodeDir) {
        Path idFile = nodeDir.resolve(ID_FILE);
        String id;
        try {
            id = Files.isRegularFile(idFile) ? Files.readString(idFile).trim() : "";
        } catch (IOException e) {
            throw new ClusterException("cannot read " + idFile + ": " + e.getMessage(), e);
        }
        return id.isEmpty() ? Optional.empty() : Optional.of(new Recorded(name, id, idFile));
    }

    /** One recorded container; its state is read once, when it is found. */
    static final class Recorded implements RecordedServer {
        private final String name;
        private final String id;
        private final Path idFile;
        private final Optional<DockerClient> docker;
        private final Optional<ContainerState> state;

        Recorded(String name, String id, Path idFile) {
            this.name = name;
            this.id = id;
            this.idFile = idFile;
            Optional<DockerClient> d = ContainerLauncher.available() ? Optional.of(DockerClientFactory.instance().client()) : Optional.empty();
            Optional<ContainerState> s = Optional.empty();
            try {
                s = d.flatMap(c -> DockerCommands.state(c, id));
            } catch (RuntimeException e) {
                d = Optional.empty(); // the API did not answer: the container's state is unknown
            }
            this.docker = d;
            this.state = s;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public Liveness liveness() {
            if (docker.isEmpty()) {
                return Liveness.UNKNOWN;
            }
            return state.map(s -> Boolean.TRUE.equals(s.getRunning())).orElse(false) ? Liveness.RUNNING : Liveness.EXITED;
        }

        @Override
        public String how() {
            String c = "container " + shortId();
            if (docker.isEmpty()) {
                return c + " (unknown: no Docker API answers at DOCKER_HOST=" + System.getenv("DOCKER_HOST") + ")";
            }
            return state.map(s -> Boolean.TRUE.equals(s.getRunning()) ? c : c + " (exited " + s.getExitCodeLong() + ")")
                    .orElse(c + " (gone)");
        }

        @Override
        public long pid() {
            Long p = liveness() == Liveness.RUNNING ? state.orElseThrow().getPidLong() : null;
            return p == null ? -1 : p;
        }

        @Override
        public String remove() {
            DockerClient d = docker.orElseThrow(() -> new ClusterException("cannot remove container " + shortId() + " of " + name
                    + ": no Docker API answers at DOCKER_HOST=" + System.getenv("DOCKER_HOST")
                    + " (eval \"$(containers/podman/podman-service.sh start)\" and run 'local down' again)"));
            Optional<ContainerState> now;
            try {
                now = DockerCommands.state(d, id);
            } catch (RuntimeException e) {
                throw new ClusterException("cannot remove container " + shortId() + " of " + name + ": " + e.getMessage());
            }
            String line;
            if (now.isEmpty()) {
                line = "container " + shortId() + " of " + name + " was already removed";
            } else {
                DockerCommands.stop(d, id);
                DockerCommands.remove(d, id);
                if (exists(d)) {
                    throw new ClusterException("container " + shortId() + " of " + name + " could not be removed");
                }
                line = "removed container " + name + " " + shortId() + (Boolean.TRUE.equals(now.get().getRunning()) ? " (was running)" : " (had exited)");
            }
            try {
                Files.deleteIfExists(idFile);
            } catch (IOException e) {
                throw new ClusterException("cannot delete " + idFile + ": " + e.getMessage(), e);
            }
            return line;
        }

        private boolean exists(DockerClient d) {
            try {
                return DockerCommands.state(d, id).isPresent();
            } catch (RuntimeException e) {
                return true; // cannot prove it is gone
            }
        }

        private String shortId() {
            return id.substring(0, Math.min(12, id.length()));
        }
    }
}
