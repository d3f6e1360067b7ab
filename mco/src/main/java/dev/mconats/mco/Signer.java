package dev.mconats.mco;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.Objects;

/**
 * Signs request messages with the sender's key: RSA keys use SHA256withRSA (PKCS#1 v1.5, what Choria
 * uses), EC keys SHA256withECDSA (ASN.1/DER signature) so P-256 fleets can be simulated too.
 * Thread-safe: a {@link Signature} is created per call because instances are stateful, and creation is
 * negligible next to the private-key operation itself.
 */
public final class Signer {
    private final PrivateKey key;
    private final X509Certificate certificate;
    private final String algorithm;
    private final String certificatePem;
    private final String certname;

    public Signer(PrivateKey key, X509Certificate certificate) {
        this.key = Objects.requireNonNull(key, "key");
        this.certificate = Objects.requireNonNull(certificate, "certificate");
        this.algorithm = algorithmFor(key.getAlgorithm());
        if (!key.getAlgorithm().equals(certificate.getPublicKey().getAlgorithm())) {
            throw new IllegalArgumentException("key is " + key.getAlgorithm() + " but certificate holds "
                    + certificate.getPublicKey().getAlgorithm());
        }
        this.certificatePem = Pem.encode(certificate); // encoded once: it is embedded in every request
        this.certname = Pem.commonName(certificate);
        checkKeyMatchesCertificate();
    }

    /** JCA signature algorithm for a key algorithm ("RSA" or "EC"). */
    static String algorithmFor(String keyAlgorithm) {
        return switch (keyAlgorithm) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            default -> throw new IllegalArgumentException("unsupported key algorithm " + keyAlgorithm + " (RSA or EC)");
        };
    }

    public byte[] sign(byte[] message) {
        try {
            Signature signature = Signature.getInstance(algorithm);
            signature.initSign(key);
            signature.update(message);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("signing with " + algorithm + " failed", e);
        }
    }

    /** Base64 signature of the UTF-8 bytes of {@code message}, the form used in the secure request. */
    public String signBase64(String message) {
        return Base64.getEncoder().encodeToString(sign(message.getBytes(StandardCharsets.UTF_8)));
    }

    public X509Certificate certificate() {
        return certificate;
    }

    /** The PEM sent as {@code pubcert}; the exact same String instance every time. */
    public String certificatePem() {
        return certificatePem;
    }

    /** Certificate CN. */
    public String certname() {
        return certname;
    }

    /** {@code choria=<certname>}. */
    public String callerId() {
        return Protocol.CALLER_PREFIX + certname;
    }

    public String algorithm() {
        return algorithm;
    }

    // Fail at construction, not on the first node, when key and certificate do not belong together.
    private void checkKeyMatchesCertificate() {
        byte[] probe = "mco-signer-probe".getBytes(StandardCharsets.UTF_8);
        try {
            Signature verify = Signature.getInstance(algorithm);
            verify.initVerify(certificate.getPublicKey());
            verify.update(probe);
            if (!verify.verify(sign(probe))) {
                throw new IllegalArgumentException("private key does not match the certificate of " + certname);
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot check key against certificate", e);
        }
    }
}
