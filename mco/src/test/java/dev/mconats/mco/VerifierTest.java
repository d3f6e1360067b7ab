package dev.mconats.mco;

import static dev.mconats.mco.Fixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class VerifierTest {
    private static final String MESSAGE = "{\"protocol\":\"choria:request:1\"}";
    private final long now = NOW.getEpochSecond();

    private static String sig(Signer signer, String message) {
        return Base64.getEncoder().encodeToString(signer.sign(message.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void cachesCertificatesByPemAndMemoisesSignatures() throws Exception {
        Verifier verifier = new Verifier(Fixtures.RSA_PKI.ca);
        Signer signer = Fixtures.RSA_CLIENT;
        String signature = sig(signer, MESSAGE);

        for (int i = 0; i < 3; i++) {
            // a fresh String each time, as each delivery is parsed anew
            String pem = new String(signer.certificatePem().toCharArray());
            assertThat(verifier.verify(MESSAGE, signature, pem, signer.callerId(), now)).isEqualTo("client.example.net");
        }
        assertThat(verifier.cachedCertificates()).isEqualTo(1);
        assertThat(verifier.cachedSignatures()).isEqualTo(1);
    }

    @Test
    void memoNeverAcceptsADifferentMessageForAKnownSignature() throws Exception {
        Verifier verifier = new Verifier(Fixtures.RSA_PKI.ca);
        Signer signer = Fixtures.RSA_CLIENT;
        String signature = sig(signer, MESSAGE);
        verifier.verify(MESSAGE, signature, signer.certificatePem(), signer.callerId(), now);

        MessageRejected e = catchThrowableOfType(MessageRejected.class,
                () -> verifier.verify(MESSAGE + " ", signature, signer.certificatePem(), signer.callerId(), now));
        assertThat(e.reason()).isEqualTo(RejectReason.BAD_SIGNATURE);
    }

    @Test
    void cacheIsBoundedAndEvictedCertsStillVerify() throws Exception {
        Verifier verifier = new Verifier(Fixtures.EC_PKI.ca, 2, 2, true);
        List<Signer> signers = List.of(
                Fixtures.EC_PKI.issueSigner("a", TestPki.KeyType.EC_P256),
                Fixtures.EC_PKI.issueSigner("b", TestPki.KeyType.EC_P256),
                Fixtures.EC_PKI.issueSigner("c", TestPki.KeyType.EC_P256));
        for (int round = 0; round < 2; round++) {
            for (Signer s : signers) {
                assertThat(verifier.verify(MESSAGE, sig(s, MESSAGE), s.certificatePem(), s.callerId(), now)).isEqualTo(s.certname());
            }
        }
        assertThat(verifier.cachedCertificates()).isLessThanOrEqualTo(2);
        assertThat(verifier.cachedSignatures()).isLessThanOrEqualTo(2);
    }

    @Test
    void untrustedCertificateOutcomeIsCachedToo() {
        Verifier verifier = new Verifier(Fixtures.RSA_PKI.ca);
        Signer foreign = Fixtures.EC_CLIENT;
        for (int i = 0; i < 3; i++) {
            MessageRejected e = catchThrowableOfType(MessageRejected.class,
                    () -> verifier.verify(MESSAGE, sig(foreign, MESSAGE), foreign.certificatePem(), foreign.callerId(), now));
            assertThat(e.reason()).isEqualTo(RejectReason.UNTRUSTED_CERT);
        }
        assertThat(verifier.cachedCertificates()).isEqualTo(1);
        assertThat(verifier.cachedSignatures()).isZero();
    }

    @Test
    void rsaCaCanIssueEcNodeCertificates() throws Exception {
        Signer ecUnderRsa = Fixtures.RSA_PKI.issueSigner("mixed.example.net", TestPki.KeyType.EC_P256);
        assertThat(ecUnderRsa.algorithm()).isEqualTo("SHA256withECDSA");
        assertThat(new Verifier(Fixtures.RSA_PKI.ca)
                .verify(MESSAGE, sig(ecUnderRsa, MESSAGE), ecUnderRsa.certificatePem(), ecUnderRsa.callerId(), now))
                .isEqualTo("mixed.example.net");
    }

    @Test
    void aPuppet6BundleTrustsWhatItsIntermediateSignsAndOnlyThat() throws Exception {
        TestPki root = TestPki.create("Puppet Root CA", TestPki.KeyType.EC_P256);
        TestPki intermediate = root.intermediate("Puppet CA", TestPki.KeyType.EC_P256);
        Signer node = intermediate.issueSigner("node1.example.net", TestPki.KeyType.EC_P256);
        Verifier bundle = new Verifier(List.of(intermediate.ca, root.ca));
        assertThat(bundle.verify(MESSAGE, sig(node, MESSAGE), node.certificatePem(), node.callerId(), now)).isEqualTo("node1.example.net");

        // the root alone does not vouch for a certificate its intermediate signed (no chain in a pubcert)
        MessageRejected rootOnly = catchThrowableOfType(MessageRejected.class, () -> new Verifier(root.ca)
                .verify(MESSAGE, sig(node, MESSAGE), node.certificatePem(), node.callerId(), now));
        assertThat(rootOnly.reason()).isEqualTo(RejectReason.UNTRUSTED_CERT);
        assertThat(rootOnly.getMessage()).contains("CN=Puppet CA", "is not the trusted CA");

        // same name, other key: a forged intermediate is refused
        TestPki forged = TestPki.create("Puppet CA", TestPki.KeyType.EC_P256);
        Signer rogue = forged.issueSigner("node1.example.net", TestPki.KeyType.EC_P256);
        MessageRejected e = catchThrowableOfType(MessageRejected.class,
                () -> bundle.verify(MESSAGE, sig(rogue, MESSAGE), rogue.certificatePem(), rogue.callerId(), now));
        assertThat(e.getMessage()).contains("not signed by the trusted CA");
    }
}
