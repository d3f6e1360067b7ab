package dev.mconats.cli;

import dev.mconats.cluster.ServerLauncher;
import dev.mconats.containers.Launchers;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** How local deployments run their servers: shared by every command that starts one. */
public final class LauncherOptions {
    @Option(names = "--launcher", defaultValue = "process",
            description = "process (nats-server binary), containers (Testcontainers; needs a Docker API), or auto. Default: ${DEFAULT-VALUE}")
    String launcher;

    @Option(names = "--nats-server-bin", description = "nats-server binary for the process launcher (default: $NATS_SERVER_BIN or PATH)")
    Path natsServerBin;

    @Option(names = "--image", description = "NATS image for the containers launcher (default: $MCO_NATS_IMAGE or nats:2.9.10)")
    String image;

    public ServerLauncher launcher() {
        return Launchers.choose(launcher, natsServerBin, image);
    }

    /** For deployments that stay up after the command exits ({@code local up}). */
    public ServerLauncher detachedLauncher() {
        return Launchers.choose(launcher, natsServerBin, image, true);
    }
}
