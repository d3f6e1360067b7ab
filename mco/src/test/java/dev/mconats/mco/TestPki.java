package dev.mconats.mco;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** A throw-away CA that issues leaf certificates, built per test with the JDK + Bouncy Castle. */
final class TestPki {
    enum KeyType { RSA_2048, EC_P256 }

    private static final AtomicLong SERIAL = new AtomicLong(1000);

    final KeyPair caKeys;
    final X509Certificate ca;

    private TestPki(KeyPair caKeys, X509Certificate ca) {
        this.caKeys = caKeys;
        this.ca = ca;
    }

    static TestPki create(String caName, KeyType type) {
        KeyPair keys = keyPair(type);
        Instant now = Instant.now();
        X509Certificate ca = build(new X500Name("CN=" + caName), keys, new X500Name("CN=" + caName), keys,
                now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(3650)), true);
        return new TestPki(keys, ca);
    }

    /** A CA signed by this one (Puppet 6+: an intermediate under the root). */
    TestPki intermediate(String caName, KeyType type) {
        KeyPair keys = keyPair(type);
        X509Certificate cert = build(new X500Name("CN=" + caName), keys, new X500Name(ca.getSubjectX500Principal().getName()), caKeys,
                ca.getNotBefore().toInstant(), ca.getNotAfter().toInstant(), true);
        return new TestPki(keys, cert);
    }

    Signer issueSigner(String certname, KeyType type) {
        Instant now = Instant.now();
        return issueSigner(certname, type, now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(365)));
    }

    Signer issueSigner(String certname, KeyType type, Instant notBefore, Instant notAfter) {
        KeyPair keys = keyPair(type);
        X509Certificate cert = build(new X500Name("CN=" + certname), keys,
                new X500Name(ca.getSubjectX500Principal().getName()), caKeys, notBefore, notAfter, false);
        return new Signer(keys.getPrivate(), cert);
    }

    static KeyPair keyPair(KeyType type) {
        try {
            if (type == KeyType.RSA_2048) {
                KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
                gen.initialize(2048);
                return gen.generateKeyPair();
            }
            KeyPairGenerator gen = KeyPairGenerator.getInstance("EC");
            gen.initialize(new ECGenParameterSpec("secp256r1"));
            return gen.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static X509Certificate build(X500Name subject, KeyPair subjectKeys, X500Name issuer, KeyPair issuerKeys,
                                         Instant notBefore, Instant notAfter, boolean isCa) {
        try {
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer,
                    BigInteger.valueOf(SERIAL.incrementAndGet()), Date.from(notBefore), Date.from(notAfter),
                    subject, subjectKeys.getPublic());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(isCa));
            builder.addExtension(Extension.keyUsage, true, isCa
                    ? new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign)
                    : new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
            String sigAlg = issuerKeys.getPrivate().getAlgorithm().equals("EC") ? "SHA256withECDSA" : "SHA256withRSA";
            return new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder(sigAlg).build(issuerKeys.getPrivate())));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
