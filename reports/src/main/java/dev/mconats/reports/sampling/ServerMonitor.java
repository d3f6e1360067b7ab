package dev.mconats.reports.sampling;

import java.net.URI;
import java.util.Objects;

/**
 * One server to sample: a label for the report and its monitor endpoint (e.g. {@code http://127.0.0.11:8222}).
 *
 * @param name       the server's name as the target knows it (e.g. {@code nats1.example.net})
 * @param monitorUrl base URL of its HTTP monitor; {@code /varz} and {@code /routez} are appended
 */
public record ServerMonitor(String name, URI monitorUrl) {
    public ServerMonitor {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(monitorUrl, "monitorUrl");
    }

    URI endpoint(String path) {
        String base = monitorUrl.toString();
        return URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + path);
    }
}
