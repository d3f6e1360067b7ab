package dev.mconats.conformance;

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
import java.security.Security;
import java.util.Arrays;
import java.util.stream.Collectors;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * A NATS-speaking TLS endpoint that still accepts TLS 1.0 and 1.1, as servers built with old Go or OpenSSL did.
 * nats-server 2.9 cannot be configured that way (no min_version; TLS 1.2 is hard-wired), so the proof that
 * tls/legacy-protocols-refused can fail needs this stand-in. It is a real JSSE TLS server: the JDK's own
 * TLS 1.0/1.1 ban is lifted for this JVM only (the integration tests run each class in a fresh JVM).
 */
final class LegacyTlsNatsServer implements AutoCloseable {
    static {
        String current = Security.getProperty("jdk.tls.disabledAlgorithms");
        Security.setProperty("jdk.tls.disabledAlgorithms", Arrays.stream(current.split(","))
                .map(String::strip)
                .filter(a -> !a.equals("TLSv1") && !a.equals("TLSv1.1") && !a.contains("sha1"))
                .collect(Collectors.joining(", ")));
    }

    private final ServerSocket server;
    private final SSLContext tls;
    private final Thread acceptor;

    LegacyTlsNatsServer(InetSocketAddress at, Identity identity) throws IOException {
        this.tls = SslContexts.context(SslContexts.keyManagers(identity), null);
        this.server = new ServerSocket();
        server.bind(at);
        this.acceptor = Thread.ofPlatform().daemon().start(this::acceptLoop);
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                Thread.ofPlatform().daemon().start(() -> serve(s));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serve(Socket plain) {
        try (plain) {
            OutputStream out = plain.getOutputStream();
            out.write(("INFO {\"server_id\":\"LEGACYTLSFAKE\",\"server_name\":\"legacy\",\"version\":\"0.0.0-legacy\",\"proto\":1,"
                    + "\"tls_required\":true,\"max_payload\":1048576,\"client_id\":1}\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            SSLSocket s = (SSLSocket) tls.getSocketFactory().createSocket(plain, null, plain.getPort(), true);
            s.setUseClientMode(false);
            s.setEnabledProtocols(new String[] {"TLSv1", "TLSv1.1", "TLSv1.2"});
            s.setEnabledCipherSuites(s.getSupportedCipherSuites());
            s.startHandshake();
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
            String line;
            while ((line = in.readLine()) != null) {
                if (line.startsWith("PING")) {
                    s.getOutputStream().write("PONG\r\n".getBytes(StandardCharsets.US_ASCII));
                    s.getOutputStream().flush();
                }
            }
        } catch (IOException e) {
            // a probe that only wanted the ServerHello hangs up mid-handshake: expected
        }
    }

    @Override
    public void close() throws Exception {
        server.close();
        acceptor.join(2000);
    }
}
