package dev.mconats.conformance;

import com.sun.net.httpserver.HttpServer;
import dev.mconats.pki.Identity;
import dev.mconats.pki.SslContexts;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * A NATS server whose cluster port takes TLS from any peer: no client certificate is demanded, so a route from
 * anywhere gets past the handshake (route authorization would stop it only afterwards). nats-server 2.9 cannot be
 * configured that way: it forces peer verification on the cluster port whatever {@code cluster { tls { verify } }}
 * says (observed with 2.9.10: {@code verify: false} still gives {@code /varz cluster.tls_verify true} and alert
 * bad_certificate to a route without a certificate). So the proof that routes/tls-and-auth-required catches such a
 * port needs this stand-in: a client port that sends INFO, a monitor endpoint whose {@code /varz} names the cluster
 * port (and claims whatever {@code tls_verify} the test wants), and a real JSSE TLS route port that asks for no
 * certificate, sends a route INFO after the handshake and refuses every CONNECT with -ERR 'Authorization Violation'.
 */
final class LaxRouteStandIn implements AutoCloseable {
    static final String SERVER_ID = "NLAXROUTESTANDIN";

    private final List<AutoCloseable> open = new ArrayList<>();
    private final SSLContext tls;

    /**
     * @param reportedClusterPort the cluster_port /varz reports (the real route port, or one where nothing listens)
     * @param varzTlsVerify       what /varz claims about peer verification
     */
    LaxRouteStandIn(String ip, Identity serverIdentity, int reportedClusterPort, boolean varzTlsVerify) throws IOException {
        this.tls = SslContexts.context(SslContexts.keyManagers(serverIdentity), null);
        ServerSocket client = listen(ip, 4222, this::client);
        ServerSocket route = listen(ip, 4223, this::route);
        HttpServer monitor = HttpServer.create(new InetSocketAddress(ip, 8222), 10);
        String varz = "{\"server_id\":\"" + SERVER_ID + "\",\"server_name\":\"lax\",\"version\":\"0.0.0-lax\",\"max_connections\":65536,"
                + "\"max_payload\":1048576,\"cluster\":{\"addr\":\"" + ip + "\",\"cluster_port\":" + reportedClusterPort
                + ",\"auth_timeout\":0.75,\"tls_timeout\":2,\"tls_required\":true,\"tls_verify\":" + varzTlsVerify + ",\"urls\":[]}}";
        monitor.createContext("/varz", exchange -> {
            byte[] body = varz.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        monitor.start();
        open.add(client);
        open.add(route);
        open.add(() -> monitor.stop(0));
    }

    private interface Handler {
        void serve(Socket s) throws IOException;
    }

    private static ServerSocket listen(String ip, int port, Handler handler) throws IOException {
        ServerSocket server = new ServerSocket();
        server.bind(new InetSocketAddress(ip, port));
        Thread.ofPlatform().daemon().start(() -> {
            while (!server.isClosed()) {
                try {
                    Socket s = server.accept();
                    Thread.ofPlatform().daemon().start(() -> {
                        try (s) {
                            handler.serve(s);
                        } catch (IOException e) {
                            // a probe hung up or failed its handshake: that is what probes do
                        }
                    });
                } catch (IOException e) {
                    return; // closed
                }
            }
        });
        return server;
    }

    private void client(Socket s) throws IOException {
        s.getOutputStream().write(("INFO {\"server_id\":\"" + SERVER_ID + "\",\"server_name\":\"lax\",\"version\":\"0.0.0-lax\",\"proto\":1,"
                + "\"max_payload\":1048576,\"client_id\":1}\r\n").getBytes(StandardCharsets.US_ASCII));
        s.getOutputStream().flush();
        s.setSoTimeout(5000);
        s.getInputStream().read(); // wait for the client to hang up
    }

    /** TLS first (as nats-server 2.9 route ports), no client certificate asked for, then INFO and a refused CONNECT. */
    private void route(Socket plain) throws IOException {
        SSLSocket s = (SSLSocket) tls.getSocketFactory().createSocket(plain, null, plain.getPort(), true);
        s.setUseClientMode(false);
        s.setNeedClientAuth(false);
        s.setWantClientAuth(false);
        s.setSoTimeout(5000);
        s.startHandshake();
        OutputStream out = s.getOutputStream();
        out.write(("INFO {\"server_id\":\"" + SERVER_ID + "\",\"name\":\"lax\",\"version\":\"0.0.0-lax\",\"auth_required\":true,"
                + "\"tls_required\":true,\"tls_verify\":false,\"cluster\":\"lax\"}\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
        String line = in.readLine();
        if (line != null && line.startsWith("CONNECT")) {
            out.write("-ERR 'Authorization Violation'\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }
    }

    @Override
    public void close() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
    }
}
