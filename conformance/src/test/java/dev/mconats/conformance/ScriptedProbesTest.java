package dev.mconats.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mconats.conformance.probe.ClientHello;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Servers behaving in ways nats-server cannot be configured to, scripted: each breaks one timing or TLS probe the way
 * it used to be fooled, and the verdict must not be a PASS.
 */
class ScriptedProbesTest {
    @TempDir
    Path tmp;

    /** Short timings so that each scripted run takes a few seconds; the logic is the one of the default settings. */
    private static Settings quick(Duration handshakeTime) {
        Settings d = Settings.defaults();
        return new Settings(Duration.ofSeconds(1), Duration.ofSeconds(1), d.deliveryTimeout(), handshakeTime, Duration.ofMillis(50),
                d.handshakesInFlight(), d.helloProbesInFlight(), false);
    }

    /** Any client that speaks (the suite's trusted control session, a ClientHello) is hung up on at once. */
    private static ScriptedNatsServer.After hangUpOnTalkers(ScriptedNatsServer.After silent) {
        return (s, first) -> {
            if (first == null) {
                silent.run(s, null);
            }
        };
    }

    @Test
    void aStrayByteIsNotTakenForPatienceAndAnEarlyCloseFails() throws Exception {
        // INFO, then one byte, then a close 0.6 s after INFO: the server gave a silent client 0.6 s, not 2 s.
        var script = new ScriptedNatsServer.Script(Duration.ZERO, Duration.ofMillis(100), hangUpOnTalkers((s, first) -> {
            s.getOutputStream().write('x');
            s.getOutputStream().flush();
            Thread.sleep(500);
        }));
        try (ScriptedNatsServer server = new ScriptedNatsServer(script)) {
            SuiteResult r = ConformanceSuite.standard().only(List.of("tls/handshake-timeout")).run(server.target(tmp), quick(Duration.ofSeconds(2)));
            Outcomes.expect(r, Map.of("tls/handshake-timeout", Status.FAIL));
            assertThat(Outcomes.messages(r, "tls/handshake-timeout")).containsPattern("gave up the TLS handshake after 0\\.\\d\\d s");
            assertThat(Outcomes.check(r, "tls/handshake-timeout").results().get(0).evidence())
                    .anyMatch(l -> l.contains("unexpected byte 0x78") && l.contains("still watching"));
        }
    }

    @Test
    void infoLaterThanTheWatchIsInconclusiveNotAPass() throws Exception {
        // INFO 0.9 s after the connect (past the 0.8 s watch of a 0.3 s requirement), the close 0.1 s after INFO:
        // the server granted somewhere between 0.1 s and 1.0 s; the suite cannot tell which, so it must not PASS.
        var script = new ScriptedNatsServer.Script(Duration.ofMillis(900), Duration.ofMillis(50), hangUpOnTalkers((s, first) -> Thread.sleep(50)));
        try (ScriptedNatsServer server = new ScriptedNatsServer(script)) {
            Settings settings = quick(Duration.ofMillis(300));
            SuiteResult r = ConformanceSuite.standard().only(List.of("tls/handshake-timeout")).run(server.target(tmp),
                    new Settings(Duration.ofSeconds(2), Duration.ofSeconds(2), settings.deliveryTimeout(), settings.handshakeTime(),
                            settings.handshakeSlack(), settings.handshakesInFlight(), settings.helloProbesInFlight(), false));
            Outcomes.expect(r, Map.of("tls/handshake-timeout", Status.SKIP));
            assertThat(Outcomes.messages(r, "tls/handshake-timeout")).contains("inconclusive", "too late to tell when its timer started");
        }
    }

    @Test
    void aServerSilentToTls10ThatAgreesToTls11Fails() throws Exception {
        // TLS 1.0: no answer at all; TLS 1.1: a ServerHello. Anything else (the JDK's TLS 1.2/1.3 clients) is hung up on.
        var script = new ScriptedNatsServer.Script(Duration.ZERO, Duration.ofSeconds(2), (s, first) -> {
            if (first == null || first.length < 11) {
                return;
            }
            int offered = (first[9] & 0xff) << 8 | (first[10] & 0xff); // client_version in the ClientHello
            if (offered == ClientHello.TLS10) {
                Thread.sleep(1500); // silent until the probe gives up
            } else if (offered == ClientHello.TLS11) {
                s.getOutputStream().write(serverHello(ClientHello.TLS11, 0xC013));
                s.getOutputStream().flush();
                Thread.sleep(200);
            }
        });
        try (ScriptedNatsServer server = new ScriptedNatsServer(script)) {
            SuiteResult r = ConformanceSuite.standard().only(List.of("tls/legacy-protocols-refused")).run(server.target(tmp),
                    quick(Duration.ofSeconds(2)));
            Outcomes.expect(r, Map.of("tls/legacy-protocols-refused", Status.FAIL));
            assertThat(Outcomes.messages(r, "tls/legacy-protocols-refused")).contains("the server agreed to TLSv1.1 (ServerHello)");
            assertThat(Outcomes.check(r, "tls/legacy-protocols-refused").results().get(0).evidence())
                    .anyMatch(l -> l.contains("no TLS answer within 1000 ms"));
        }
    }

    static byte[] serverHello(int version, int suite) {
        ByteBuffer body = ByteBuffer.allocate(2 + 32 + 1 + 2 + 1);
        body.putShort((short) version).put(new byte[32]).put((byte) 0).putShort((short) suite).put((byte) 0);
        ByteBuffer rec = ByteBuffer.allocate(5 + 4 + body.capacity());
        rec.put((byte) 22).putShort((short) version).putShort((short) (4 + body.capacity())).put((byte) 2).put((byte) 0)
                .putShort((short) body.capacity()).put(body.array());
        return rec.array();
    }
}
