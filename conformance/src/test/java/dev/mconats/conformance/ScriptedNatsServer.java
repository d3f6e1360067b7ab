package dev.mconats.conformance;

import dev.mconats.pki.FixturePki;
import dev.mconats.pki.KeyType;
import dev.mconats.targetmodel.Target;
import dev.mconats.targetmodel.TargetFile;
import dev.mconats.targetmodel.ServerAddress;
import dev.mconats.targetmodel.TargetKeys;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A NATS client port on loopback that behaves the way a test scripts it, connection by connection: what a real
 * nats-server cannot be made to do (answer one TLS version and stay silent to another, send stray bytes, send INFO
 * late). Every connection gets INFO (tls_required) first, after {@link Script#infoDelay()}.
 */
final class ScriptedNatsServer implements AutoCloseable {
    /**
     * INFO after {@code infoDelay}; then the server listens for {@code listen} and hands {@code after} the first bytes
     * the client sent (null: it stayed silent).
     */
    record Script(Duration infoDelay, Duration listen, After after) {
    }

    interface After {
        void run(Socket s, byte[] clientFirst) throws IOException, InterruptedException;
    }

    private final ServerSocket server;
    private final Thread acceptor;

    ScriptedNatsServer(Script script) throws IOException {
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.acceptor = Thread.ofPlatform().daemon().start(() -> {
            while (!server.isClosed()) {
                try {
                    Socket s = server.accept();
                    Thread.ofPlatform().daemon().start(() -> serve(s, script));
                } catch (IOException e) {
                    return; // closed
                }
            }
        });
    }

    private static void serve(Socket s, Script script) {
        try (s) {
            Thread.sleep(script.infoDelay().toMillis());
            s.getOutputStream().write(("INFO {\"server_id\":\"SCRIPTED\",\"server_name\":\"scripted\",\"version\":\"0.0.0-scripted\","
                    + "\"proto\":1,\"tls_required\":true,\"max_payload\":1048576,\"client_id\":1}\r\n").getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
            s.setSoTimeout((int) Math.max(1, script.listen().toMillis()));
            byte[] first = null;
            try {
                InputStream in = s.getInputStream();
                byte[] buf = new byte[16 * 1024];
                int n = in.read(buf);
                first = n < 0 ? new byte[0] : java.util.Arrays.copyOf(buf, n);
            } catch (SocketTimeoutException e) {
                // silent client
            }
            script.after().run(s, first);
        } catch (IOException e) {
            // the client hung up: nothing to do
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    int port() {
        return server.getLocalPort();
    }

    /** A target naming only this server, with a fresh EC fixture PKI for the client certificate. */
    Target target(Path dir) {
        FixturePki pki = FixturePki.builder(dir.resolve("ssl")).keyType(KeyType.EC_P256).generate();
        return TargetFile.load(Target.builder().set(TargetKeys.NAME, "scripted")
                .set(TargetKeys.SERVERS, List.of(ServerAddress.parse("127.0.0.1:" + port())))
                .set(TargetKeys.TLS_CA, pki.dir().caCert()).set(TargetKeys.TLS_CERT, pki.dir().cert(FixturePki.CLIENT))
                .set(TargetKeys.TLS_KEY, pki.dir().privateKey(FixturePki.CLIENT))
                .set(TargetKeys.CLUSTER_EXPECTED_SIZE, Optional.of(1)).build().write(dir.resolve("target.conf")));
    }

    @Override
    public void close() throws Exception {
        server.close();
        acceptor.join(2000);
    }
}
