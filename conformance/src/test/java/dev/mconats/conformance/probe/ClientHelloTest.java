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
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClientHelloTest {
    @Test
    void aLegacyHelloOffersOnlyTheLegacyVersionWithSniForNames() {
        ByteBuffer b = ByteBuffer.wrap(ClientHello.legacy(ClientHello.TLS11).encode("nats1.example.net"));
        assertThat(b.get()).isEqualTo((byte) 22); // handshake record
        assertThat(b.getShort()).isEqualTo((short) 0x0301);
        assertThat(b.getShort() & 0xffff).isEqualTo(b.remaining());
        assertThat(b.get()).isEqualTo((byte) 1); // client_hello
        int length = (b.get() & 0xff) << 16 | (b.getShort() & 0xffff);
        assertThat(length).isEqualTo(b.remaining());
        assertThat(b.getShort()).isEqualTo((short) ClientHello.TLS11);
        b.position(b.position() + 32 + 1); // random, empty session id
        int suites = b.getShort() & 0xffff;
        assertThat(suites).isEqualTo(16);
        assertThat(b.getShort() & 0xffff).isEqualTo(0xC009);
        String all = new String(ClientHello.legacy(ClientHello.TLS10).encode("nats1.example.net"), StandardCharsets.ISO_8859_1);
        assertThat(all).contains("nats1.example.net");
        assertThat(ClientHello.legacy(ClientHello.TLS10).encode("127.0.0.11").length)
                .isLessThan(ClientHello.legacy(ClientHello.TLS10).encode("nats1.example.net").length);
    }

    @Test
    void aTls12HelloOffersExactlyTheSuiteAskedAboutAndTls13NamesItselfInSupportedVersions() {
        ByteBuffer b = ByteBuffer.wrap(ClientHello.tls12(0x002F).encode("127.0.0.11"));
        b.position(5 + 4);
        assertThat(b.getShort()).isEqualTo((short) ClientHello.TLS12);
        b.position(b.position() + 32 + 1);
        assertThat(b.getShort() & 0xffff).isEqualTo(4);
        assertThat(b.getShort() & 0xffff).isEqualTo(0x002F);
        assertThat(b.getShort() & 0xffff).isEqualTo(0x00FF); // renegotiation SCSV only

        String tls13 = HexFormat.of().formatHex(ClientHello.tls13().encode("127.0.0.11"));
        assertThat(tls13).contains("002b0003020304", "130113021303", "003300260024001d0020"); // versions, suites, key share
    }

    @Test
    void anAlertIsARefusalAndAServerHelloNamesVersionAndSuite() throws Exception {
        ClientHello.Answer alert = answer(new byte[] {21, 3, 1, 0, 2, 2, 70});
        assertThat(alert.kind()).isEqualTo(ClientHello.Answer.Kind.ALERT);
        assertThat(alert.detail()).isEqualTo("fatal alert protocol_version (70)");
        assertThat(alert.accepted(ClientHello.TLS10)).isFalse();

        ClientHello.Answer hello = answer(serverHello(0x0301, 0xC013, new byte[0]));
        assertThat(hello.kind()).isEqualTo(ClientHello.Answer.Kind.SERVER_HELLO);
        assertThat(hello.accepted(ClientHello.TLS10)).isTrue();
        assertThat(hello.cipherSuite()).isEqualTo(0xC013);
        assertThat(hello.detail()).isEqualTo("ServerHello choosing TLSv1.0 TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA");

        // A server that answers with a higher version than offered has not agreed to the legacy one.
        assertThat(answer(serverHello(0x0303, 0xC02F, new byte[0])).accepted(ClientHello.TLS10)).isFalse();
        // TLS 1.3 keeps 0x0303 in the legacy field and names itself in supported_versions
        ClientHello.Answer tls13 = answer(serverHello(0x0303, 0x1301, new byte[] {0x00, 0x2b, 0x00, 0x02, 0x03, 0x04}));
        assertThat(tls13.accepted(ClientHello.TLS13)).isTrue();
        assertThat(tls13.detail()).isEqualTo("ServerHello choosing TLSv1.3 TLS_AES_128_GCM_SHA256");
        assertThat(answer(new byte[0]).kind()).isEqualTo(ClientHello.Answer.Kind.CLOSED);
    }

    @Test
    void weaknessesAreReadFromTheSuiteName() {
        assertThat(CipherSuites.weaknesses(0xC02F)).isEmpty(); // ECDHE-RSA AES-128-GCM
        assertThat(CipherSuites.weaknesses(0xCCA9)).isEmpty();
        assertThat(CipherSuites.weaknesses(0x009E)).isEmpty(); // DHE is forward secret
        assertThat(CipherSuites.weaknesses(0x002F)).containsExactly("no forward secrecy: static RSA key exchange");
        assertThat(CipherSuites.weaknesses(0xC012)).containsExactly("3DES");
        assertThat(CipherSuites.weaknesses(0x0003)).contains("EXPORT grade", "RC4", "no forward secrecy: static RSA key exchange");
        assertThat(CipherSuites.weaknesses(0x0008)).contains("DES").doesNotContain("3DES");
        assertThat(CipherSuites.weaknesses(0xC010)).containsExactly("NULL: no encryption");
        assertThat(CipherSuites.weaknesses(0x0034)).containsExactly("anonymous: no server authentication");
        assertThat(CipherSuites.weaknesses(0xC00E)).containsExactly("no forward secrecy: static Diffie-Hellman");
        List<Integer> offered = CipherSuites.tls12();
        assertThat(offered).hasSizeGreaterThan(40).doesNotContain(0x1301).contains(0xC02B, 0xC030, 0x000A, 0x0001);
        assertThat(offered.stream().map(CipherSuites::name)).allMatch(n -> n.startsWith("TLS_") && !n.startsWith("0x"));
    }

    private static byte[] serverHello(int version, int suite, byte[] extensions) {
        ByteBuffer body = ByteBuffer.allocate(2 + 32 + 1 + 2 + 1 + 2 + extensions.length);
        body.putShort((short) version).put(new byte[32]).put((byte) 0).putShort((short) suite).put((byte) 0)
                .putShort((short) extensions.length).put(extensions);
        int n = body.capacity();
        ByteBuffer rec = ByteBuffer.allocate(5 + 4 + n);
        rec.put((byte) 22).putShort((short) 0x0303).putShort((short) (4 + n)).put((byte) 2).put((byte) 0).putShort((short) n).put(body.array());
        return rec.array();
    }

    /** A one-shot peer on loopback that reads the ClientHello and answers with the given bytes, then hangs up. */
    private static ClientHello.Answer answer(byte[] reply) throws Exception {
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
                ClientHello.Answer a = ClientHello.legacy(ClientHello.TLS10).probe(c, "nats1.example.net", Duration.ofSeconds(2));
                peer.join();
                return a;
            }
        }
    }
}
