package dev.mconats.cluster;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Finds the external programs the local deployment runs: nats-server and dnsmasq. */
public final class Executables {
    private Executables() {
    }

    /** {@code NATS_SERVER_BIN}, else nats-server on PATH (or /usr/sbin, where Debian puts it). */
    public static Path natsServer() {
        String env = System.getenv("NATS_SERVER_BIN");
        if (env != null && !env.isBlank()) {
            Path p = Path.of(env);
            if (!Files.isExecutable(p)) {
                throw new ClusterException("NATS_SERVER_BIN=" + env + " is not an executable file");
            }
            return p;
        }
        return find("nats-server").orElseThrow(() -> new ClusterException(
                "nats-server not found (set NATS_SERVER_BIN or install it: apt-get install -y nats-server)"));
    }

    public static Path dnsmasq() {
        return find("dnsmasq").orElseThrow(() -> new ClusterException(
                "dnsmasq not found (install it: apt-get install -y dnsmasq-base)"));
    }

    public static Optional<Path> find(String name) {
        List<String> dirs = new ArrayList<>(List.of(String.valueOf(System.getenv("PATH")).split(File.pathSeparator)));
        dirs.addAll(List.of("/usr/sbin", "/usr/local/sbin", "/sbin", "/usr/local/bin", "/usr/bin"));
        for (String d : dirs) {
            if (d.isBlank()) {
                continue;
            }
            Path p = Path.of(d, name);
            if (Files.isExecutable(p) && !Files.isDirectory(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
