package dev.mconats.cluster;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Everything that goes into one node's nats-server config. Defaults follow the seed deployment; the {@code with...}
 * methods return changed copies so that tests can break a node in exactly one way.
 *
 * @param routes       addresses ("ip:port") of the peers this node dials; the full mesh by default
 * @param routeUser    user in this node's cluster authorization and in the route URLs it dials
 * @param extraConfig  raw lines appended at the top level (e.g. {@code write_deadline: "2s"})
 * @param cipherSuites the client port's {@code cipher_suites} (Go names); empty = nats-server's defaults
 * @param clusterVerify {@code verify} in the cluster's tls block (nats-server 2.9 verifies route peers either way)
 */
public record NodeConfig(
        String name,
        String address,
        int clientPort,
        int clusterPort,
        int monitorPort,
        boolean tls,
        boolean verify,
        double tlsTimeoutSeconds,
        Path caFile,
        Path certFile,
        Path keyFile,
        boolean clusterTls,
        String routeUser,
        String routePassword,
        List<String> routes,
        Optional<Integer> maxConnections,
        List<String> extraConfig,
        List<String> cipherSuites,
        boolean clusterVerify) {

    public NodeConfig {
        routes = List.copyOf(routes);
        extraConfig = List.copyOf(extraConfig);
        cipherSuites = List.copyOf(cipherSuites);
    }

    /** The seed's node: TLS with verify on both ports, route authorization, nats-server's default ciphers. */
    public static NodeConfig seed(String name, String address, Path caFile, Path certFile, Path keyFile, String routeUser,
                                  String routePassword, List<String> routes) {
        return new NodeConfig(name, address, 4222, 4223, 8222, true, true, 2.0, caFile, certFile, keyFile, true, routeUser,
                routePassword, routes, Optional.empty(), List.of(), List.of(), true);
    }

    public NodeConfig withVerify(boolean v) {
        return new NodeConfig(name, address, clientPort, clusterPort, monitorPort, tls, v, tlsTimeoutSeconds, caFile, certFile, keyFile, clusterTls, routeUser, routePassword, routes, maxConnections, extraConfig, cipherSuites, clusterVerify);
    }

    /** No TLS at all on the client port (the cluster port keeps its own setting). */
    public NodeConfig withTls(boolean t) {
        return new NodeConfig(name, address, clientPort, clusterPort, monitorPort, t, verify, tlsTimeoutSeconds, caFile, certFile, keyFile, clusterTls, routeUser, routePassword, routes, maxConnections, extraConfig, cipherSuites, clusterVerify);
    }

    public NodeConfig withTlsTimeout(double seconds) {
        return new NodeConfig(name, address, clientPort, clusterPort, monitorPort, tls, verify, seconds, caFile, certFile, keyFile, clusterTls, routeUser, routePassword, routes, maxConnections, extraConfig, cipherSuites, clusterVerify);
    }

    /** Serve another certificate (e.g. one from the rogue CA, or one for the wrong host name). */
    public NodeConfig withServerCert(Path cert, Path key) {
        return new NodeConfig(name, address, clientPort, clusterPort, monitorPort, tls, verify, tlsTimeoutSeconds, caFile, cert, key, clusterTls, routeUser, routePassword, routes, maxConnections, extraConfig, cipherSuites, clusterVerify);
    }

    public NodeConfig withCaFile(Path ca) {
        return new NodeConfig(name, address, clientPort, clusterPort, monitorPort, tls, verify, tlsTimeoutSeconds, ca, certFile, keyFile, clusterTls, routeUser, routePassword, routes, maxConnections, extraConfig, cipherSuites, clusterVerify);
    }

    public NodeConfig withClusterTls(boolean t) {
        return new NodeConfig(name, address, clientPort, clusterPort, monitorPort, tls, verify, tlsTimeoutSeconds, caFile, certFile, keyFile, t, routeUser, routePassword, routes, maxConnections, extraConfig, cipherSuites, clusterVerify);
    }

    public NodeConfig withRoutePassword(String password) {
        return new NodeConfig(name, address, clientPort, clusterPort, monitorPort, tls, verify, tlsTimeoutSeconds, caFile, certFile, keyFile, clusterTls, routeUser, password, routes, maxConnections, extraConfig, cipherSuites, clusterVerify);
    }

    /** Route user for this node's cluster authorization and the routes it dials; "" renders no authorization at all. */
    public NodeConfig withRouteUser(String user) {
        return new NodeConfig(name, address, clientPort, clusterPort, monitorPort, tls, verify, tlsTimeoutSeconds, caFile, certFile, keyFile, clusterTls, user, routePassword, routes, maxConnections, extraConfig, cipherSuites, clusterVerify);
    }

    public NodeConfig withRoutes(List<String> r) {
        return new NodeConfig(name, address, clientPort, clusterPort, monitorPort, tls, verify, tlsTimeoutSeconds, caFile, certFile, keyFile, clusterTls, routeUser, routePassword, r, maxConnections, extraConfig, cipherSuites, clusterVerify);
    }

    public NodeConfig withMaxConnections(int max) {
        return new NodeConfig(name, address, clientPort, clusterPort, monitorPort, tls, verify, tlsTimeoutSeconds, caFile, certFile, keyFile, clusterTls, routeUser, routePassword, routes, Optional.of(max), extraConfig, cipherSuites, clusterVerify);
    }

    public NodeConfig withExtra(String line) {
        List<String> extra = new java.util.ArrayList<>(extraConfig);
        extra.add(line);
        return new NodeConfig(name, address, clientPort, clusterPort, monitorPort, tls, verify, tlsTimeoutSeconds, caFile, certFile, keyFile, clusterTls, routeUser, routePassword, routes, maxConnections, extra, cipherSuites, clusterVerify);
    }

    /** The client port's {@code cipher_suites}, e.g. {@code TLS_RSA_WITH_AES_128_CBC_SHA} (Go names). */
    public NodeConfig withCipherSuites(List<String> suites) {
        return new NodeConfig(name, address, clientPort, clusterPort, monitorPort, tls, verify, tlsTimeoutSeconds, caFile, certFile, keyFile, clusterTls, routeUser, routePassword, routes, maxConnections, extraConfig, suites, clusterVerify);
    }

    public NodeConfig withClusterVerify(boolean v) {
        return new NodeConfig(name, address, clientPort, clusterPort, monitorPort, tls, verify, tlsTimeoutSeconds, caFile, certFile, keyFile, clusterTls, routeUser, routePassword, routes, maxConnections, extraConfig, cipherSuites, v);
    }

    /** Listen for routes on another port (the peers' route URLs are not changed). */
    public NodeConfig withClusterPort(int port) {
        return new NodeConfig(name, address, clientPort, port, monitorPort, tls, verify, tlsTimeoutSeconds, caFile, certFile, keyFile, clusterTls, routeUser, routePassword, routes, maxConnections, extraConfig, cipherSuites, clusterVerify);
    }

    public String clientEndpoint() {
        return address + ":" + clientPort;
    }

    public String monitorUrl() {
        return "http://" + address + ":" + monitorPort;
    }
}
