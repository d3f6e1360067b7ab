package dev.mconats.conformance.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LegacyClientHelloTest {
    @Test
    void theClientHelloOffersOnlyTheLegacyVersionWithSniForNames() {
        ByteBuffer b = ByteBuffer.wrap(LegacyClientHello.clientHello(LegacyClientHello.TLS11, "nats1.example.net"));
        assertThat(b.get()).isEqualTo((byte) 22); // handshake record
        assertThat(b.getShort()).isEqualTo((short) 0x0301);
        assertThat(b.getShort() & 0xffff).isEqualTo(b.remaining());
        assertThat(b.get()).isEqualTo((byte) 1); // client_hello
        int length = (b.get() & 0xff) << 16 | (b.getShort() & 0xffff);
        assertThat(length).isEqualTo(b.remaining());
        assertThat(b.getShort()).isEqualTo((short) LegacyClientHello.TLS11);
        b.position(b.position() + 32 + 1); // random, empty session id
        int suites = b.getShort() & 0xffff;
        assertThat(suites).isEqualTo(16);
        assertThat(b.getShort() & 0xffff).isEqualTo(0xC009);
        String all = new String(LegacyClientHello.clientHello(LegacyClientHello.TLS10, "nats1.example.net"), StandardCharsets.ISO_8859_1);
        assertThat(all).contains("nats1.example.net");
        assertThat(LegacyClientHello.clientHello(LegacyClientHello.TLS10, "127.0.0.11").length)
                .isLessThan(LegacyClientHello.clientHello(LegacyClientHello.TLS10, "nats1.example.net").length);
    }

    @Test
    void anAlertIsARefusalAndAServerHelloForTheOfferedVersionIsAnAcceptance() throws Exception {
        LegacyClientHello.Answer alert = answer(new byte[] {21, 3, 1, 0, 2, 2, 70});
        assertThat(alert.kind()).isEqualTo(LegacyClientHello.Answer.Kind.ALERT);
        assertThat(alert.detail()).isEqualTo("fatal alert protocol_version (70)");
        assertThat(alert.accepted(LegacyClientHello.TLS10)).isFalse();

        LegacyClientHello.Answer hello = answer(new byte[] {22, 3, 1, 0, 6, 2, 0, 0, 70, 3, 1});
        assertThat(hello.kind()).isEqualTo(LegacyClientHello.Answer.Kind.SERVER_HELLO);
        assertThat(hello.accepted(LegacyClientHello.TLS10)).isTrue();
        assertThat(hello.detail()).isEqualTo("ServerHello choosing TLSv1.0");

        // A server that answers with a higher version than offered has not agreed to the legacy one.
        assertThat(answer(new byte[] {22, 3, 3, 0, 6, 2, 0, 0, 70, 3, 3}).accepted(LegacyClientHello.TLS10)).isFalse();
        assertThat(answer(new byte[0]).kind()).isEqualTo(LegacyClientHello.Answer.Kind.CLOSED);
    }

    /** A one-shot peer on loopback that reads the ClientHello and answers with the given bytes, then hangs up. */
    private static LegacyClientHello.Answer answer(byte[] reply) throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread peer = Thread.ofPlatform().start(() -> {
                try (Socket s = server.accept()) {
                    DataInputStream in = new DataInputStream(s.getInputStream());
                    in.readFully(new byte[5]);
                    s.getOutputStream().write(reply);
                    s.getOutputStream().flush();
                } catch (IOException ignored) {
                    // the test asserts on what the client saw
                }
            });
            try (Socket c = new Socket()) {
                c.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort()), 2000);
                LegacyClientHello.Answer a = LegacyClientHello.probe(c, LegacyClientHello.TLS10, "nats1.example.net", Duration.ofSeconds(2));
                peer.join();
                return a;
            }
        }
    }
}
