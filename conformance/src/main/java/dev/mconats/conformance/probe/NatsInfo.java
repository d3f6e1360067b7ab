package dev.mconats.conformance.probe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;

/** A server's {@code INFO} line, parsed. Clients get it in plaintext before any TLS upgrade. */
public record NatsInfo(String line, JsonNode json) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Parses {@code INFO {...}}; throws IllegalArgumentException for anything else. */
    public static NatsInfo parse(String line) {
        if (!line.startsWith("INFO ")) {
            throw new IllegalArgumentException("expected INFO, got '" + abbreviate(line, 80) + "'");
        }
        try {
            JsonNode json = JSON.readTree(line.substring(5).strip());
            if (json == null || !json.isObject()) {
                throw new IllegalArgumentException("INFO is not a JSON object");
            }
            return new NatsInfo(line, json);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("INFO is not valid JSON: " + abbreviate(String.valueOf(e.getMessage()), 80));
        }
    }

    public String serverId() {
        return json.path("server_id").asText("");
    }

    public String serverName() {
        return json.path("server_name").asText("");
    }

    public String version() {
        return json.path("version").asText("?");
    }

    public boolean tlsRequired() {
        return json.path("tls_required").asBoolean(false);
    }

    /** {@code allow_non_tls} servers offer TLS without requiring it. */
    public boolean tlsAvailable() {
        return json.path("tls_available").asBoolean(false);
    }

    /** True when a client can upgrade this connection to TLS. */
    public boolean offersTls() {
        return tlsRequired() || tlsAvailable();
    }

    public boolean tlsVerify() {
        return json.path("tls_verify").asBoolean(false);
    }

    public boolean authRequired() {
        return json.path("auth_required").asBoolean(false);
    }

    public long maxPayload() {
        return json.path("max_payload").asLong(-1);
    }

    /** Client URLs of every member the server knows of ("host:port"), as gossiped through the routes. */
    public List<String> connectUrls() {
        List<String> out = new ArrayList<>();
        json.path("connect_urls").forEach(u -> out.add(u.asText()));
        return out;
    }

    /**
     * True when this is a route (cluster) port: route INFO carries route-only fields ({@code lnoc},
     * {@code cluster_dynamic}, a {@code nats-route://} URL) and no {@code client_id}.
     */
    public boolean isRoutePort() {
        if (json.has("client_id")) {
            return false;
        }
        return json.has("lnoc") || json.has("cluster_dynamic") || json.path("ip").asText("").startsWith("nats-route://");
    }

    private static String abbreviate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max) + "...";
    }
}
