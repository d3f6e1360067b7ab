package dev.mconats.cluster;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A member's folder in a local deployment ({@code .../cluster/node<i>/}): the config the suite rendered, the PID file
 * (process launcher) or container.id (containers launcher), and the server's log. Addresses are read back from the
 * config itself, so whoever holds only the folder (a fault run in another JVM) sees what the server was told.
 */
public record NodeFolder(Path dir, String host, int port, int monitorPort) {
    public static final String CONFIG = "nats-server.conf";
    public static final String PID = "nats-server.pid";
    public static final String LOG = "nats-server.log";
    public static final String CONTAINER_ID = "container.id";

    private static final Pattern HOST = Pattern.compile("(?m)^host: \"([^\"]+)\"");
    private static final Pattern PORT = Pattern.compile("(?m)^port: (\\d+)");
    private static final Pattern MONITOR = Pattern.compile("(?m)^monitor_port: (\\d+)");

    /** Reads {@code dir/nats-server.conf}; fails in one line when the folder is not a member of a local deployment. */
    public static NodeFolder read(Path dir) {
        Path d = dir.toAbsolutePath().normalize();
        Path conf = d.resolve(CONFIG);
        if (!Files.isRegularFile(conf)) {
            throw new ClusterException(d + " is not a member folder of a local deployment (no " + CONFIG + ")");
        }
        String text;
        try {
            text = Files.readString(conf);
        } catch (IOException e) {
            throw new ClusterException("cannot read " + conf + ": " + e.getMessage(), e);
        }
        Matcher h = HOST.matcher(text);
        Matcher p = PORT.matcher(text);
        Matcher m = MONITOR.matcher(text);
        if (!h.find() || !p.find() || !m.find()) {
            throw new ClusterException(conf + " names no host, port and monitor_port (not written by mco-nats-suite?)");
        }
        return new NodeFolder(d, h.group(1), Integer.parseInt(p.group(1)), Integer.parseInt(m.group(1)));
    }

    public String name() {
        return dir.getFileName().toString();
    }

    public Path config() {
        return dir.resolve(CONFIG);
    }

    public Path pidFile() {
        return dir.resolve(PID);
    }

    public Path log() {
        return dir.resolve(LOG);
    }

    public Path containerIdFile() {
        return dir.resolve(CONTAINER_ID);
    }

    /** True when the containers launcher runs this member. */
    public boolean inContainer() {
        return Files.isRegularFile(containerIdFile());
    }

    public String server() {
        return host + ":" + port;
    }

    public URI monitor() {
        return URI.create("http://" + host + ":" + monitorPort);
    }
}
