package dev.mconats.pki;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAKey;
import java.util.ArrayList;
import java.util.List;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;

/** Reads and writes PEM files the way Puppet lays them out (traditional OpenSSL key encodings, keys 0600). */
public final class Pem {
    private Pem() {
    }

    public static X509Certificate readCertificate(Path file) {
        List<X509Certificate> certs = readCertificates(file);
        if (certs.isEmpty()) {
            throw new PkiException("no certificate in " + file);
        }
        return certs.get(0);
    }

    public static List<X509Certificate> readCertificates(Path file) {
        String text = read(file, "certificate");
        List<X509Certificate> out = new ArrayList<>();
        try (PEMParser parser = new PEMParser(new StringReader(text))) {
            Object o;
            JcaX509CertificateConverter conv = new JcaX509CertificateConverter();
            while ((o = parser.readObject()) != null) {
                if (o instanceof X509CertificateHolder h) {
                    out.add(conv.getCertificate(h));
                }
            }
        } catch (Exception e) {
            throw new PkiException("cannot read certificate " + file + ": " + oneLine(e));
        }
        return out;
    }

    public static PrivateKey readPrivateKey(Path file) {
        String text = read(file, "private key");
        try (PEMParser parser = new PEMParser(new StringReader(text))) {
            JcaPEMKeyConverter conv = new JcaPEMKeyConverter();
            Object o;
            while ((o = parser.readObject()) != null) {
                if (o instanceof PEMKeyPair kp) {
                    return conv.getPrivateKey(kp.getPrivateKeyInfo());
                }
                if (o instanceof PrivateKeyInfo info) {
                    return conv.getPrivateKey(info);
                }
            }
        } catch (Exception e) {
            throw new PkiException("cannot read private key " + file + ": " + oneLine(e));
        }
        throw new PkiException("no private key in " + file + " (encrypted keys are not supported)");
    }

    public static void writeCertificates(Path file, X509Certificate... certs) {
        write(file, toPem((Object[]) certs), false);
    }

    /**
     * Private keys are written owner-only (0600), like Puppet's private_keys directory, as unencrypted PKCS#8,
     * which nats-server (Go), OpenSSL, Puppet and the JDK all read for RSA and EC alike.
     */
    public static void writePrivateKey(Path file, PrivateKey key) {
        try {
            write(file, toPem(new JcaPKCS8Generator(key, null).generate()), true);
        } catch (org.bouncycastle.util.io.pem.PemGenerationException e) {
            throw new PkiException("cannot encode private key for " + file + ": " + oneLine(e), e);
        }
    }

    public static String toPem(Object... objects) {
        StringWriter sw = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(sw)) {
            for (Object o : objects) {
                w.writeObject(o);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return sw.toString();
    }

    /** True when the private key is the partner of the certificate's public key (proved by a signature). */
    public static boolean matches(X509Certificate cert, PrivateKey key) {
        PublicKey pub = cert.getPublicKey();
        if (!pub.getAlgorithm().equals(key.getAlgorithm())) {
            return false;
        }
        try {
            String alg = isRsa(key) ? "SHA256withRSA" : "SHA256withECDSA";
            byte[] probe = "mco-nats-suite key check".getBytes(StandardCharsets.US_ASCII);
            Signature s = Signature.getInstance(alg);
            s.initSign(key);
            s.update(probe);
            byte[] sig = s.sign();
            Signature v = Signature.getInstance(alg);
            v.initVerify(pub);
            v.update(probe);
            return v.verify(sig);
        } catch (Exception e) {
            return false;
        }
    }

    static boolean isRsa(PrivateKey key) {
        return key instanceof RSAKey || "RSA".equals(key.getAlgorithm());
    }

    public static String commonName(X509Certificate cert) {
        try {
            for (Rdn rdn : new LdapName(cert.getSubjectX500Principal().getName()).getRdns()) {
                if (rdn.getType().equalsIgnoreCase("CN")) {
                    return rdn.getValue().toString();
                }
            }
        } catch (Exception e) {
            // fall through: a certificate without a parseable CN is named by its whole subject
        }
        return cert.getSubjectX500Principal().getName();
    }

    private static String read(Path file, String what) {
        try {
            return Files.readString(file, StandardCharsets.US_ASCII);
        } catch (NoSuchFileException e) {
            throw new PkiException(what + " file not found: " + file);
        } catch (IOException e) {
            throw new PkiException("cannot read " + what + " file " + file + ": " + oneLine(e));
        }
    }

    private static void write(Path file, String text, boolean secret) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            // Write to a temp file first so that a crash never leaves half a key behind.
            Path tmp = Files.createTempFile(parent, ".tmp-", ".pem",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(secret ? "rw-------" : "rw-r--r--")));
            Files.writeString(tmp, text, StandardCharsets.US_ASCII, StandardOpenOption.TRUNCATE_EXISTING);
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new PkiException("cannot write " + file + ": " + oneLine(e));
        }
    }

    static String oneLine(Throwable e) {
        String m = e.getMessage();
        return (m == null ? e.getClass().getSimpleName() : m).replace('\n', ' ');
    }

}
