package dev.mconats.conformance;

import dev.mconats.targetmodel.Target;
import dev.mconats.targetmodel.ServerAddress;
import dev.mconats.targetmodel.TargetKeys;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mconats.cluster.LoopbackBlock;
import dev.mconats.conformance.probe.ClientHello;
import dev.mconats.pki.FixturePki;
import dev.mconats.pki.KeyType;
import dev.mconats.targetmodel.TargetFile;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** tls/legacy-protocols-refused against an endpoint that accepts TLS 1.0 and 1.1: it must FAIL and say which. */
class LegacyProtocolsIT {
    @TempDir
    Path tmp;

    @Test
    void aServerThatAgreesToTls10And11Fails() throws Exception {
        String ip = LoopbackBlock.free() + "11";
        FixturePki pki = FixturePki.builder(tmp.resolve("ssl")).keyType(KeyType.EC_P256).server("legacy.example.net", ip).generate();
        try (LegacyTlsNatsServer server = new LegacyTlsNatsServer(new InetSocketAddress(ip, 4222), pki.dir().read("legacy.example.net"))) {
            assertThat(standInAgreesToTls10(ip)).as("the stand-in must speak TLS 1.0; JSSE read jdk.tls.disabledAlgorithms before it "
                    + "was relaxed, so this class must run in a JVM of its own (failsafe reuseForks=false)").isTrue();
            Path file = Target.builder().set(TargetKeys.NAME, "legacy TLS endpoint")
                    .set(TargetKeys.SERVERS, List.of(ServerAddress.parse("legacy.example.net:4222")))
                    .set(TargetKeys.HOSTS, Map.of("legacy.example.net", ip))
                    .set(TargetKeys.TLS_CA, pki.dir().caCert()).set(TargetKeys.TLS_CERT, pki.dir().cert(FixturePki.CLIENT))
                    .set(TargetKeys.TLS_KEY, pki.dir().privateKey(FixturePki.CLIENT)).build().write(tmp.resolve("target.conf"));
            SuiteResult r = ConformanceSuite.standard().only(List.of("tls/legacy-protocols-refused")).run(TargetFile.load(file), Settings.defaults());
            Outcomes.expect(r, Map.of("tls/legacy-protocols-refused", Status.FAIL));
            assertThat(Outcomes.messages(r, "tls/legacy-protocols-refused"))
                    .contains("the server agreed to TLSv1.0 and TLSv1.1 (ServerHello)", "TLS 1.2 accepted");
            assertThat(Outcomes.check(r, "tls/legacy-protocols-refused").results().get(0).evidence())
                    .anyMatch(l -> l.contains("ServerHello choosing TLSv1.0"));
        }
    }

    private static boolean standInAgreesToTls10(String ip) throws Exception {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(ip, 4222), 2000);
            s.setSoTimeout(2000);
            InputStream in = s.getInputStream();
            while (in.read() != '\n') {
                // skip the INFO line
            }
            return ClientHello.legacy(ClientHello.TLS10).probe(s, "legacy.example.net", Duration.ofSeconds(2))
                    .accepted(ClientHello.TLS10);
        }
    }
}
