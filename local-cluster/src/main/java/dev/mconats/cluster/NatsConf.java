package dev.mconats.cluster;

import java.util.List;

/**
 * Renders a {@link NodeConfig} in nats-server's config format, laid out like the seed deployment. Route URLs name
 * peers by address, not by host name: nats-server resolves names through the system resolver, which knows nothing of
 * the fixture DNS; the server certificates carry the addresses as IP SANs, so route TLS still verifies.
 */
public final class NatsConf {
    private NatsConf() {
    }

    public static String render(NodeConfig n, String pidFile) {
        StringBuilder b = new StringBuilder();
        b.append("# ").append(n.name()).append(" — written by mco-nats-suite, layout of the seed deployment\n");
        b.append("server_name: ").append(q(n.name())).append('\n');
        b.append("host: ").append(q(n.address())).append('\n');
        b.append("port: ").append(n.clientPort()).append("\n\n");
        b.append("monitor_port: ").append(n.monitorPort()).append("\n\n");
        b.append("pid_file: ").append(q(pidFile)).append('\n');
        n.maxConnections().ifPresent(m -> b.append("max_connections: ").append(m).append('\n'));
        b.append('\n');
        if (n.tls()) {
            b.append("tls {\n");
            tlsBody(b, n, "  ");
            b.append("}\n\n");
        }
        b.append("cluster {\n");
        b.append("  host: ").append(q(n.address())).append('\n');
        b.append("  port: ").append(n.clusterPort()).append("\n\n");
        if (n.clusterTls()) {
            b.append("  tls {\n");
            tlsBody(b, n.withVerify(n.clusterVerify()).withCipherSuites(List.of()), "    ");
            b.append("  }\n\n");
        }
        // An empty route user means "no route authorization" (a deliberately open cluster port, for conformance tests).
        boolean routeAuth = !n.routeUser().isEmpty();
        if (routeAuth) {
            b.append("  authorization {\n");
            b.append("    user: ").append(q(n.routeUser())).append('\n');
            b.append("    password: ").append(q(n.routePassword())).append('\n');
            b.append("    timeout: 0.75\n");
            b.append("  }\n\n");
        }
        b.append("  routes = [\n");
        for (String peer : n.routes()) {
            b.append("    nats-route://");
            if (routeAuth) {
                b.append(n.routeUser()).append(':').append(n.routePassword()).append('@');
            }
            b.append(peer).append('\n');
        }
        b.append("  ]\n");
        b.append("}\n");
        for (String extra : n.extraConfig()) {
            b.append(extra).append('\n');
        }
        return b.toString();
    }

    private static void tlsBody(StringBuilder b, NodeConfig n, String indent) {
        b.append(indent).append("cert_file: ").append(q(n.certFile().toString())).append('\n');
        b.append(indent).append("key_file: ").append(q(n.keyFile().toString())).append('\n');
        b.append(indent).append("ca_file: ").append(q(n.caFile().toString())).append('\n');
        b.append(indent).append("verify: ").append(n.verify()).append('\n');
        b.append(indent).append("timeout: ").append(formatSeconds(n.tlsTimeoutSeconds())).append('\n');
        if (!n.cipherSuites().isEmpty()) {
            b.append(indent).append("cipher_suites: [").append(String.join(", ", n.cipherSuites().stream().map(NatsConf::q).toList()))
                    .append("]\n");
        }
    }

    static String formatSeconds(double s) {
        return s == Math.rint(s) ? String.valueOf((long) s) : String.valueOf(s);
    }

    private static String q(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
