package dev.mconats.cli;

import java.nio.file.Path;

/** Where the embedded default keeps its PKI, configs, logs and PID files: $MCO_NATS_HOME or ./.local. */
final class StateDir {
    private StateDir() {
    }

    static Path resolve(Path option) {
        if (option != null) {
            return option.toAbsolutePath();
        }
        String env = System.getenv("MCO_NATS_HOME");
        return (env == null || env.isBlank() ? Path.of(".local") : Path.of(env)).toAbsolutePath().normalize();
    }
}
