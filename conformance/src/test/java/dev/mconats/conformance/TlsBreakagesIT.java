package dev.mconats.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.mconats.cluster.LocalDeployment;
import dev.mconats.cluster.LoopbackBlock;
import dev.mconats.pki.FixturePki;
import dev.mconats.pki.KeyType;
import dev.mconats.pki.PuppetSslDir;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Client-port TLS broken in exactly one way each, through the harness: exactly the checks that guard against that
 * breakage FAIL (on the broken node only), every other check still PASSes.
 */
class TlsBreakagesIT {
    @TempDir
    Path tmp;

    private LocalDeployment.Builder deployment(int size) {
        return LocalDeployment.builder(tmp).size(size).addressPrefix(LoopbackBlock.free()).keyType(KeyType.EC_P256);
    }

    private static SuiteResult run(LocalDeployment d) {
        return ConformanceSuite.standard().run(d.target(), Settings.defaults());
    }

    @Test
    void verifyFalseLetsClientsWithoutAGoodCertificateIn() {
        try (LocalDeployment d = deployment(3).override(2, n -> n.withVerify(false)).start()) {
            SuiteResult r = run(d);
            List<String> guarded = List.of("tls/no-client-cert-rejected", "tls/untrusted-client-cert-rejected",
                    "tls/expired-client-cert-rejected", "tls/not-yet-valid-client-cert-rejected");
            Outcomes.expect(r, Map.of(guarded.get(0), Status.FAIL, guarded.get(1), Status.FAIL, guarded.get(2), Status.FAIL,
                    guarded.get(3), Status.FAIL));
            for (String id : guarded) {
                assertThat(Outcomes.nodes(r, id, Status.FAIL)).as(id).containsExactly("nats2.example.net:4222");
                assertThat(Outcomes.nodes(r, id, Status.PASS)).as(id).containsExactly("nats1.example.net:4222", "nats3.example.net:4222");
            }
            assertThat(Outcomes.messages(r, "tls/untrusted-client-cert-rejected")).contains("was let in", "its own published message came back");
            assertThat(r.exitCode()).isEqualTo(1);
        }
    }

    @Test
    void noTlsAtAllIsCaughtByEveryCheckWhoseRequirementItBreaks() {
        try (LocalDeployment d = deployment(1).override(1, n -> n.withTls(false)).start()) {
            SuiteResult r = run(d);
            Outcomes.expect(r, Map.ofEntries(
                    entry("tls/plaintext-rejected", Status.FAIL),
                    entry("tls/server-cert-valid", Status.FAIL),
                    entry("tls/legacy-protocols-refused", Status.FAIL),
                    entry("tls/trusted-client-works", Status.FAIL),
                    entry("srv/records-present", Status.FAIL),
                    // no TLS handshake exists to refuse a bad certificate in, or to time: not applicable, said so
                    entry("tls/no-client-cert-rejected", Status.SKIP),
                    entry("tls/untrusted-client-cert-rejected", Status.SKIP),
                    entry("tls/expired-client-cert-rejected", Status.SKIP),
                    entry("tls/not-yet-valid-client-cert-rejected", Status.SKIP),
                    entry("tls/cipher-suites", Status.SKIP),
                    entry("tls/handshake-timeout", Status.SKIP)));
            assertThat(Outcomes.messages(r, "tls/plaintext-rejected")).contains("plaintext client was let in");
            assertThat(Outcomes.messages(r, "srv/records-present")).contains("without TLS");
            assertThat(Outcomes.messages(r, "tls/no-client-cert-rejected")).contains("offers no TLS");
        }
    }

    @Test
    void serverCertificateFromAnotherCaFailsTheCertificateAndTheTrustedClient() {
        PuppetSslDir ssl = new PuppetSslDir(tmp.resolve("ssl"));
        try (LocalDeployment d = deployment(1).override(1, n -> n.withServerCert(ssl.cert(FixturePki.ROGUE_SERVER),
                ssl.privateKey(FixturePki.ROGUE_SERVER))).start()) {
            SuiteResult r = run(d);
            Outcomes.expect(r, Map.of("tls/server-cert-valid", Status.FAIL, "tls/trusted-client-works", Status.FAIL));
            assertThat(Outcomes.messages(r, "tls/server-cert-valid")).contains("does not chain to the target's CA", "Rogue CA");
            assertThat(Outcomes.messages(r, "tls/trusted-client-works")).contains("cannot connect");
        }
    }

    @Test
    void serverCertificateForAnotherNameFailsTheCertificateAndTheTrustedClient() {
        PuppetSslDir ssl = new PuppetSslDir(tmp.resolve("ssl"));
        try (LocalDeployment d = deployment(1).override(1, n -> n.withServerCert(ssl.cert(FixturePki.WRONG_HOST_SERVER),
                ssl.privateKey(FixturePki.WRONG_HOST_SERVER))).start()) {
            SuiteResult r = run(d);
            Outcomes.expect(r, Map.of("tls/server-cert-valid", Status.FAIL, "tls/trusted-client-works", Status.FAIL));
            assertThat(Outcomes.messages(r, "tls/server-cert-valid")).contains("does not cover nats1.example.net", FixturePki.WRONG_HOST_NAME);
            assertThat(Outcomes.messages(r, "tls/trusted-client-works")).contains("nats1.example.net");
        }
    }

    @Test
    void cipherSuitesWithoutForwardSecrecyOrWith3DesFail() {
        // static RSA key exchange needs an RSA server key; the GCM suite keeps TLS 1.2 clients working
        try (LocalDeployment d = LocalDeployment.builder(tmp).size(1).addressPrefix(LoopbackBlock.free()).keyType(KeyType.RSA_2048)
                .override(1, n -> n.withCipherSuites(List.of("TLS_RSA_WITH_AES_128_CBC_SHA", "TLS_ECDHE_RSA_WITH_3DES_EDE_CBC_SHA",
                        "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"))).start()) {
            SuiteResult r = run(d);
            Outcomes.expect(r, Map.of("tls/cipher-suites", Status.FAIL));
            assertThat(Outcomes.messages(r, "tls/cipher-suites")).isEqualTo("FAIL nats1.example.net:4222: accepts TLS_ECDHE_RSA_WITH_3DES_EDE_CBC_SHA "
                    + "(3DES); TLS_RSA_WITH_AES_128_CBC_SHA (no forward secrecy: static RSA key exchange)");
            assertThat(Outcomes.check(r, "tls/cipher-suites").results().get(0).evidence())
                    .contains("recv: accepted (TLS 1.2): TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, TLS_ECDHE_RSA_WITH_3DES_EDE_CBC_SHA, "
                            + "TLS_RSA_WITH_AES_128_CBC_SHA")
                    .anyMatch(l -> l.startsWith("recv: TLS 1.3: offered (ServerHello choosing TLSv1.3"));
        }
    }

    @Test
    void halfASecondForTheTlsHandshakeIsTooShort() {
        try (LocalDeployment d = deployment(1).override(1, n -> n.withTlsTimeout(0.5)).start()) {
            SuiteResult r = run(d);
            Outcomes.expect(r, Map.of("tls/handshake-timeout", Status.FAIL));
            // the server's 0.5 s, as measured from here: later on a busy machine, never at or past the 2 s clients need
            String message = Outcomes.messages(r, "tls/handshake-timeout");
            java.util.regex.Matcher after = java.util.regex.Pattern.compile("gave up the TLS handshake after (\\d+\\.\\d+) s").matcher(message);
            assertThat(after.find()).as(message).isTrue();
            assertThat(Double.parseDouble(after.group(1))).isBetween(0.45, 1.9);
        }
    }
}
