package dev.mconats.pki;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.X509Certificate;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The simulated nodes' server check: what it must accept (a Puppet CA, also a Puppet 6+ bundle) and refuse. */
class CaChainTrustTest {
    @TempDir
    static Path tmp;
    static PuppetSslDir single;
    static PuppetSslDir bundle;

    @BeforeAll
    static void generate() {
        single = FixturePki.builder(tmp.resolve("single")).keyType(KeyType.EC_P256)
                .server("nats1.example.net", "127.0.0.11").generate().dir();
        bundle = FixturePki.builder(tmp.resolve("bundle")).keyType(KeyType.EC_P256).intermediateCa(true)
                .server("nats1.example.net", "127.0.0.11").generate().dir();
    }

    private static CaChainTrust trusting(PuppetSslDir dir) {
        return new CaChainTrust(Pem.readCertificates(dir.caCert()));
    }

    @Test
    void aServerOfThePuppetCaIsAccepted() {
        assertThatCode(() -> trusting(single).checkServerTrusted(single.read("nats1.example.net").chain(), "ECDHE_ECDSA"))
                .doesNotThrowAnyException();
    }

    @Test
    void aServerOfAnotherCaIsRefused() {
        assertThatThrownBy(() -> trusting(single).checkServerTrusted(single.read(FixturePki.ROGUE_SERVER).chain(), "ECDHE_ECDSA"))
                .isInstanceOf(CertificateException.class).hasMessageContaining("is not issued by a trusted CA");
        // the same server certificate checked against the other PKI's CA
        assertThatThrownBy(() -> trusting(bundle).checkServerTrusted(single.read("nats1.example.net").chain(), "ECDHE_ECDSA"))
                .isInstanceOf(CertificateException.class).hasMessageContaining("is not issued by a trusted CA");
    }

    @Test
    void anExpiredCertificateIsRefused() {
        assertThatThrownBy(() -> trusting(single).checkServerTrusted(single.read(FixturePki.EXPIRED_CLIENT).chain(), "ECDHE_ECDSA"))
                .isInstanceOf(CertificateExpiredException.class);
    }

    @Test
    void aClientOnlyCertificateIsNotAServer() {
        assertThatThrownBy(() -> trusting(single).checkServerTrusted(single.read(FixturePki.CLIENT).chain(), "ECDHE_ECDSA"))
                .isInstanceOf(CertificateException.class).hasMessageContaining("not for server authentication");
    }

    @Test
    void anIntermediateCaBundleWorksAsTrustAndInTheServersChain() {
        X509Certificate[] chain = bundle.read("nats1.example.net").chain();
        assertThatCode(() -> trusting(bundle).checkServerTrusted(chain, "ECDHE_ECDSA")).doesNotThrowAnyException();
        // trusting only the root: the intermediate the server sends completes the path
        List<X509Certificate> cas = Pem.readCertificates(bundle.caCert());
        X509Certificate root = cas.get(cas.size() - 1);
        X509Certificate leaf = chain[0];
        X509Certificate intermediate = cas.get(0);
        CaChainTrust rootOnly = new CaChainTrust(List.of(root));
        assertThatCode(() -> rootOnly.checkServerTrusted(new X509Certificate[] {leaf, intermediate}, "ECDHE_ECDSA"))
                .doesNotThrowAnyException();
        // without it there is no path
        assertThatThrownBy(() -> rootOnly.checkServerTrusted(new X509Certificate[] {leaf}, "ECDHE_ECDSA"))
                .isInstanceOf(CertificateException.class).hasMessageContaining("is not issued by a trusted CA");
    }

    @Test
    void nothingSentIsRefusedAndClientsAreNotCheckedHere() {
        assertThatThrownBy(() -> trusting(single).checkServerTrusted(new X509Certificate[0], "ECDHE_ECDSA"))
                .isInstanceOf(CertificateException.class).hasMessageContaining("sent no certificate");
        assertThatThrownBy(() -> trusting(single).checkClientTrusted(single.read(FixturePki.CLIENT).chain(), "ECDHE_ECDSA"))
                .isInstanceOf(CertificateException.class);
    }
}
