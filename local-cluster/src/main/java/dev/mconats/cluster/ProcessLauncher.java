package dev.mconats.cluster;

import java.nio.file.Path;
import java.util.List;

/** Runs nats-server from {@code NATS_SERVER_BIN}, PATH or an explicit binary (e.g. the candidate of an upgrade). */
public final class ProcessLauncher implements ServerLauncher {
    private final Path binary;

    public ProcessLauncher() {
        this(null);
    }

    /** @param binary a specific nats-server binary, or null for the default lookup */
    public ProcessLauncher(Path binary) {
        this.binary = binary;
    }

    public Path binary() {
        return binary != null ? binary : Executables.natsServer();
    }

    @Override
    public String name() {
        return "process";
    }

    @Override
    public RunningServer launch(NodeConfig config, Path configFile, Path dir) {
        if (binary != null && !java.nio.file.Files.isExecutable(binary)) {
            throw new ClusterException("nats-server binary " + binary + " is not an executable file");
        }
        return ManagedProcess.start(config.name(), List.of(binary().toString(), "--config", configFile.toString()),
                dir.resolve("nats-server.log"), dir.resolve("nats-server.pid"), configFile.toString());
    }

    @Override
    public String describe() {
        return "process " + binary();
    }
}
