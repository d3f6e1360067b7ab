package dev.mconats.cluster;

import java.nio.file.Path;

/**
 * Starts one node from its rendered config. {@link ProcessLauncher} runs the nats-server binary; the containers module
 * adds a Testcontainers launcher. Both run the same config, certs and addresses, so deployments are identical.
 */
public interface ServerLauncher {
    /** "process", "containers", ... as chosen on the command line. */
    String name();

    /**
     * Starts the server. {@code configFile} is {@code dir/nats-server.conf}; the server's output must go to
     * {@code dir/nats-server.log} so that start-up errors can be reported from it.
     */
    RunningServer launch(NodeConfig config, Path configFile, Path dir);

    /** A short description of what runs, e.g. the binary path and version or the image name. */
    String describe();
}
