package dev.mconats.conformance.probe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mconats.pki.CertificateAuthority;
import dev.mconats.pki.CertificateRequest;
import dev.mconats.pki.KeyType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class TlsWarmupTest {
    @ParameterizedTest
    @EnumSource(value = KeyType.class, names = {"EC_P256", "RSA_2048"})
    void completesMutualHandshakesInMemoryWithTheClientKey(KeyType type) {
        var ca = CertificateAuthority.create("warm-up test CA", type);
        var client = ca.issue(CertificateRequest.client("mco").keyType(type).build());
        assertThat(TlsWarmup.run(client)).isEqualTo(3);
    }
}
