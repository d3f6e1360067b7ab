package dev.mconats.conformance;

import dev.mconats.targetmodel.Target;
import dev.mconats.targetmodel.ServerAddress;
import dev.mconats.targetmodel.TargetKeys;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mconats.pki.FixturePki;
import dev.mconats.pki.KeyType;
import dev.mconats.pki.PkiException;
import dev.mconats.targetmodel.TargetFile;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A target that cannot be tested at all is one clear line, before any check runs. */
class TargetUnreachableTest {
    @TempDir
    Path tmp;

    private Path target(FixturePki pki, List<String> servers, Map<String, String> hosts, Path key) {
        return Target.builder().set(TargetKeys.NAME, "nowhere")
                .set(TargetKeys.SERVERS, servers.stream().map(ServerAddress::parse).toList()).set(TargetKeys.HOSTS, hosts)
                .set(TargetKeys.TLS_CA, pki.dir().caCert()).set(TargetKeys.TLS_CERT, pki.dir().cert(FixturePki.CLIENT))
                .set(TargetKeys.TLS_KEY, key).build().write(tmp.resolve("target.conf"));
    }

    private FixturePki pki() {
        return FixturePki.builder(tmp.resolve("ssl")).keyType(KeyType.EC_P256).generate();
    }

    @Test
    void noServerAnswering() throws IOException {
        FixturePki pki = pki();
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort(); // free again once closed: nothing listens there
        }
        Path file = target(pki, List.of("nats1.example.net:" + closedPort, "nats2.example.net:" + closedPort),
                Map.of("nats1.example.net", "127.0.0.1", "nats2.example.net", "127.0.0.1"), pki.dir().privateKey(FixturePki.CLIENT));
        assertThatThrownBy(() -> ConformanceSuite.standard().run(TargetFile.load(file), Settings.defaults()))
                .isInstanceOf(TargetUnreachableException.class)
                .hasMessageStartingWith("no server of 'nowhere' answers (servers listed in target.servers): ")
                .hasMessageContaining("nats1.example.net:" + closedPort + " does not accept connections on 127.0.0.1:" + closedPort)
                .hasMessageContaining("nats2.example.net:" + closedPort)
                .hasMessageNotContaining("\n");
    }

    @Test
    void somethingThatIsNotNatsAnswering() throws Exception {
        FixturePki pki = pki();
        try (ServerSocket http = new ServerSocket()) {
            http.bind(new InetSocketAddress("127.0.0.1", 0));
            Thread peer = Thread.ofPlatform().daemon().start(() -> {
                try (var s = http.accept()) {
                    s.getOutputStream().write("HTTP/1.1 400 Bad Request\r\n\r\n".getBytes());
                } catch (IOException ignored) {
                    // the suite reports what it saw
                }
            });
            Path file = target(pki, List.of("127.0.0.1:" + http.getLocalPort()), Map.of(), pki.dir().privateKey(FixturePki.CLIENT));
            assertThatThrownBy(() -> ConformanceSuite.standard().run(TargetFile.load(file), Settings.defaults()))
                    .isInstanceOf(TargetUnreachableException.class)
                    .hasMessageContaining("is not a NATS client port (not a NATS client port: expected INFO, got 'HTTP/1.1 400 Bad Request')");
            peer.join(2000);
        }
    }

    @Test
    void aClientKeyThatDoesNotMatchItsCertificate() {
        FixturePki pki = pki();
        Path file = target(pki, List.of("127.0.0.1:4222"), Map.of(), pki.dir().privateKey(FixturePki.NODE));
        assertThatThrownBy(() -> ConformanceSuite.standard().run(TargetFile.load(file), Settings.defaults()))
                .isInstanceOf(PkiException.class)
                .hasMessageContaining("does not match");
    }

    @Test
    void aMissingCaFileIsNamedByTheTargetFile() throws IOException {
        FixturePki pki = pki();
        Path file = target(pki, List.of("127.0.0.1:4222"), Map.of(), pki.dir().privateKey(FixturePki.CLIENT));
        Files.delete(pki.dir().caCert());
        assertThatThrownBy(() -> TargetFile.load(file)).hasMessageContaining("target.tls.ca: file not found");
    }
}
