package dev.mconats.conformance.routes;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A server's own cluster (route) settings, as its {@code /varz} reports them under {@code cluster}: the port it
 * listens on for routes (0 or absent: none), the address it binds, whether it requires TLS and verifies the peer's
 * certificate, its TLS timeout, and the route URLs it dials.
 */
record VarzCluster(int port, String addr, boolean tlsRequired, boolean tlsVerify, double tlsTimeout, List<String> urls) {
    VarzCluster {
        urls = List.copyOf(urls);
    }

    static VarzCluster of(JsonNode varz) {
        JsonNode c = varz.path("cluster");
        List<String> urls = new ArrayList<>();
        c.path("urls").forEach(u -> urls.add(u.asText()));
        return new VarzCluster(c.path("cluster_port").asInt(0), c.path("addr").asText(""), c.path("tls_required").asBoolean(false),
                c.path("tls_verify").asBoolean(false), c.path("tls_timeout").asDouble(0), urls);
    }

    /** True when the server listens for routes at all. */
    boolean listens() {
        return port > 0;
    }

    /** True when the bound address is a wildcard (every interface): the probe then uses the node's own address. */
    boolean anyAddress() {
        return addr.isEmpty() || addr.equals("0.0.0.0") || addr.equals("::") || addr.equals("[::]");
    }

    String describe() {
        return String.format(Locale.ROOT, "/varz cluster: cluster_port %d, addr %s, tls_required %s, tls_verify %s, tls_timeout %s, urls %s",
                port, addr.isEmpty() ? "(none)" : addr, tlsRequired, tlsVerify, tlsTimeout, urls);
    }
}
