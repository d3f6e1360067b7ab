package dev.mconats.conformance.probe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mconats.pki.CertificateAuthority;
import dev.mconats.pki.CertificateRequest;
import dev.mconats.pki.KeyType;
import java.security.cert.X509Certificate;
import org.junit.jupiter.api.Test;

class ServerNamesTest {
    private static final CertificateAuthority CA = CertificateAuthority.create("test CA", KeyType.EC_P256);

    private static X509Certificate cert(CertificateRequest.Builder b) {
        return CA.issue(b.keyType(KeyType.EC_P256).build()).certificate();
    }

    @Test
    void dnsNamesMatchExactlyIgnoringCase() {
        X509Certificate c = cert(CertificateRequest.server("nats1.example.net").ip("127.0.0.11"));
        assertThat(ServerNames.covers(c, "nats1.example.net")).isTrue();
        assertThat(ServerNames.covers(c, "NATS1.Example.NET.")).isTrue();
        assertThat(ServerNames.covers(c, "nats2.example.net")).isFalse();
        assertThat(ServerNames.covers(c, "127.0.0.11")).isTrue();
        assertThat(ServerNames.covers(c, "127.0.0.12")).isFalse();
        assertThat(ServerNames.sans(c)).containsExactly("DNS:nats1.example.net", "IP:127.0.0.11");
    }

    @Test
    void wildcardsCoverExactlyOneLeftMostLabel() {
        X509Certificate c = cert(CertificateRequest.server("*.example.net"));
        assertThat(ServerNames.covers(c, "nats1.example.net")).isTrue();
        assertThat(ServerNames.covers(c, "example.net")).isFalse();
        assertThat(ServerNames.covers(c, "a.nats1.example.net")).isFalse();
    }

    @Test
    void theCommonNameAloneCoversNothing() {
        // Go (Choria) ignores the CN since 1.15; a certificate whose only name is in the CN fails there.
        X509Certificate c = cert(CertificateRequest.client("nats1.example.net"));
        assertThat(ServerNames.covers(c, "nats1.example.net")).isFalse();
    }
}
