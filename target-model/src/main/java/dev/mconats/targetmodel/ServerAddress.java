package dev.mconats.targetmodel;

import java.net.URI;

/** A NATS server as the client names it: host name (as in the certificate) and client port. */
public record ServerAddress(String host, int port) {
    public static final int DEFAULT_PORT = 4222;

    public ServerAddress {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("empty host");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " out of range");
        }
        if (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
    }

    /** Parses "host", "host:port", "tls://host:port" or "nats://host:port". */
    public static ServerAddress parse(String text) {
        String t = text.trim();
        if (!t.contains("://")) {
            t = "tls://" + t;
        }
        URI uri;
        try {
            uri = URI.create(t);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a server address: '" + text + "'");
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("not a server address: '" + text + "'");
        }
        return new ServerAddress(uri.getHost(), uri.getPort() < 0 ? DEFAULT_PORT : uri.getPort());
    }

    @Override
    public String toString() {
        return host + ":" + port;
    }
}
