package dev.mconats.pki;

import java.math.BigInteger;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A certificate authority that issues server and client certificates, as Puppet's CA does: a self-signed root, or
 * (Puppet 6 and later) an intermediate CA under a root, whose {@code ca.pem} then holds both, intermediate first.
 */
public final class CertificateAuthority {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final X509Certificate certificate;
    private final PrivateKey privateKey;
    private final List<X509Certificate> issuers;

    private CertificateAuthority(X509Certificate certificate, PrivateKey privateKey, List<X509Certificate> issuers) {
        this.certificate = certificate;
        this.privateKey = privateKey;
        this.issuers = List.copyOf(issuers);
    }

    /** A new self-signed CA valid from yesterday for ten years. */
    public static CertificateAuthority create(String commonName, KeyType keyType) {
        Instant now = Instant.now();
        return create(commonName, keyType, now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(3650)));
    }

    public static CertificateAuthority create(String commonName, KeyType keyType, Instant notBefore, Instant notAfter) {
        KeyPair keys = keyType.generate();
        X500Name name = name(commonName);
        try {
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(
                    name, serial(), Date.from(notBefore), Date.from(notAfter), name, keys.getPublic());
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            b.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(keys.getPublic()));
            X509Certificate cert = sign(b, keys.getPrivate(), keyType.signatureAlgorithm());
            return new CertificateAuthority(cert, keys.getPrivate(), List.of());
        } catch (Exception e) {
            throw new PkiException("cannot create CA '" + commonName + "': " + e.getMessage(), e);
        }
    }

    /**
     * A CA under this one that may sign only end-entity certificates (path length 0), valid as long as this one:
     * the layout {@code puppetserver ca setup} creates since Puppet 6 (a root, and an intermediate that signs).
     */
    public CertificateAuthority intermediate(String commonName, KeyType keyType) {
        KeyPair keys = keyType.generate();
        try {
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(certificate, serial(), certificate.getNotBefore(),
                    certificate.getNotAfter(), name(commonName), keys.getPublic());
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            b.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(keys.getPublic()));
            b.addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(certificate));
            X509Certificate cert = sign(b, privateKey, Pem.isRsa(privateKey) ? "SHA256withRSA" : "SHA256withECDSA");
            return new CertificateAuthority(cert, keys.getPrivate(), chain());
        } catch (Exception e) {
            throw new PkiException("cannot create intermediate CA '" + commonName + "': " + e.getMessage(), e);
        }
    }

    /**
     * Loads an existing CA, e.g. Puppet's {@code certs/ca.pem} and {@code ca/ca_key.pem}. A bundle (Puppet 6+:
     * intermediate, then root) is read whole: the key belongs to one of its certificates (the signing CA, wherever
     * it stands in the file), and the certificates it chains up to are its issuers.
     */
    public static CertificateAuthority load(Path caCert, Path caKey) {
        List<X509Certificate> bundle = Pem.readCertificates(caCert);
        if (bundle.isEmpty()) {
            throw new PkiException("no certificate in " + caCert);
        }
        PrivateKey key = Pem.readPrivateKey(caKey);
        X509Certificate signing = bundle.stream().filter(c -> Pem.matches(c, key)).findFirst().orElseThrow(() ->
                new PkiException("CA key " + caKey + " does not belong to CA certificate " + caCert
                        + (bundle.size() > 1 ? " (nor to any of its " + bundle.size() + " certificates)" : "")));
        List<X509Certificate> issuers = new ArrayList<>();
        X509Certificate current = signing;
        while (!current.getIssuerX500Principal().equals(current.getSubjectX500Principal())) {
            X509Certificate child = current;
            var parent = bundle.stream().filter(c -> c != child && !issuers.contains(c)
                    && c.getSubjectX500Principal().equals(child.getIssuerX500Principal())).findFirst();
            if (parent.isEmpty()) {
                break;
            }
            issuers.add(parent.get());
            current = parent.get();
        }
        return new CertificateAuthority(signing, key, issuers);
    }

    public X509Certificate certificate() {
        return certificate;
    }

    /** This CA's certificate followed by its issuers up to the root: what {@code ca.pem} holds. */
    public List<X509Certificate> chain() {
        List<X509Certificate> out = new ArrayList<>(issuers.size() + 1);
        out.add(certificate);
        out.addAll(issuers);
        return List.copyOf(out);
    }

    public PrivateKey privateKey() {
        return privateKey;
    }

    /** Issues a certificate with a freshly generated key of the requested type. */
    public Identity issue(CertificateRequest request) {
        return issue(request, request.keyType().generate());
    }

    /** Issues a certificate for an existing key pair, so a fleet can share one key with many certs. */
    public Identity issue(CertificateRequest request, KeyPair keys) {
        try {
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(
                    certificate, serial(), Date.from(request.notBefore()), Date.from(request.notAfter()),
                    name(request.commonName()), keys.getPublic());
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            int usage = KeyUsage.digitalSignature | (request.keyType().isRsa() ? KeyUsage.keyEncipherment : KeyUsage.keyAgreement);
            b.addExtension(Extension.keyUsage, true, new KeyUsage(usage));
            b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purposes(request.usage())));
            b.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(keys.getPublic()));
            b.addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(certificate));
            List<GeneralName> sans = new ArrayList<>();
            request.dnsNames().forEach(n -> sans.add(new GeneralName(GeneralName.dNSName, n)));
            request.ipAddresses().forEach(ip -> sans.add(new GeneralName(GeneralName.iPAddress, ip)));
            if (!sans.isEmpty()) {
                b.addExtension(Extension.subjectAlternativeName, false,
                        new GeneralNames(sans.toArray(GeneralName[]::new)));
            }
            String algorithm = Pem.isRsa(privateKey) ? "SHA256withRSA" : "SHA256withECDSA";
            X509Certificate cert = sign(b, privateKey, algorithm);
            return new Identity(cert, keys.getPrivate(), chain());
        } catch (PkiException e) {
            throw e;
        } catch (Exception e) {
            throw new PkiException("cannot issue certificate for '" + request.commonName() + "': " + e.getMessage(), e);
        }
    }

    private static KeyPurposeId[] purposes(CertificateRequest.Usage usage) {
        return switch (usage) {
            case SERVER -> new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth};
            case CLIENT -> new KeyPurposeId[] {KeyPurposeId.id_kp_clientAuth};
            case SERVER_AND_CLIENT -> new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth};
        };
    }

    private static X509Certificate sign(X509v3CertificateBuilder b, PrivateKey key, String algorithm) throws Exception {
        ContentSigner signer = new JcaContentSignerBuilder(algorithm).build(key);
        return new JcaX509CertificateConverter().getCertificate(b.build(signer));
    }

    private static X500Name name(String commonName) {
        return new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, commonName).build();
    }

    private static BigInteger serial() {
        return new BigInteger(127, RANDOM).add(BigInteger.ONE);
    }
}
