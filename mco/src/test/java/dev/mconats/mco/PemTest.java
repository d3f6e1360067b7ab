package dev.mconats.mco;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.KeyPair;
import java.security.PrivateKey;
import java.util.Base64;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.junit.jupiter.api.Test;

class PemTest {

    private static String pem(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + label + "-----\n";
    }

    @Test
    void certificateRoundTripsThroughPem() throws Exception {
        String text = Pem.encode(Fixtures.RSA_CLIENT.certificate());
        assertThat(text).startsWith("-----BEGIN CERTIFICATE-----\n").endsWith("-----END CERTIFICATE-----\n");
        assertThat(text.lines().skip(1).filter(l -> !l.startsWith("-----"))).allMatch(l -> l.length() <= 64);
        assertThat(Pem.certificate(text)).isEqualTo(Fixtures.RSA_CLIENT.certificate());
        assertThat(Pem.commonName(Pem.certificate(text))).isEqualTo("client.example.net");
    }

    @Test
    void readsPkcs8RsaAndEcAndPuppetStylePkcs1Keys() throws Exception {
        KeyPair rsa = TestPki.keyPair(TestPki.KeyType.RSA_2048);
        KeyPair ec = TestPki.keyPair(TestPki.KeyType.EC_P256);
        byte[] pkcs1 = PrivateKeyInfo.getInstance(rsa.getPrivate().getEncoded()).parsePrivateKey().toASN1Primitive().getEncoded();

        PrivateKey fromPkcs8 = Pem.privateKey(pem("PRIVATE KEY", rsa.getPrivate().getEncoded()));
        PrivateKey fromPkcs1 = Pem.privateKey(pem("RSA PRIVATE KEY", pkcs1));
        PrivateKey ecKey = Pem.privateKey(pem("PRIVATE KEY", ec.getPrivate().getEncoded()));

        assertThat(fromPkcs8.getEncoded()).isEqualTo(rsa.getPrivate().getEncoded());
        assertThat(fromPkcs1.getEncoded()).isEqualTo(rsa.getPrivate().getEncoded());
        assertThat(ecKey.getAlgorithm()).isEqualTo("EC");
        assertThat(ecKey.getEncoded()).isEqualTo(ec.getPrivate().getEncoded());
    }

    @Test
    void signerRejectsKeyThatDoesNotMatchCertificate() {
        KeyPair other = TestPki.keyPair(TestPki.KeyType.RSA_2048);
        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> new Signer(other.getPrivate(), Fixtures.RSA_CLIENT.certificate()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not match");
        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> new Signer(TestPki.keyPair(TestPki.KeyType.EC_P256).getPrivate(), Fixtures.RSA_CLIENT.certificate()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
