package dev.mconats.targetmodel;

import dev.mconats.pki.CertificateAuthority;
import dev.mconats.pki.Identity;
import dev.mconats.pki.Pem;
import dev.mconats.pki.PkiException;
import dev.mconats.pki.SslContexts;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLContext;

/** The TLS material a client of the cluster uses: the Puppet CA, a client cert and key, and maybe the CA key. */
public record TlsFiles(Path ca, Path cert, Path key, Optional<Path> caKey) {

    /** Every certificate of the CA file: one CA, or a Puppet 6+ bundle (intermediate, then root), trusted whole. */
    public List<X509Certificate> trustedCas() {
        List<X509Certificate> cas = Pem.readCertificates(ca);
        if (cas.isEmpty()) {
            throw new PkiException("target.tls.ca: no certificate in " + ca);
        }
        return cas;
    }

    public Identity clientIdentity() {
        return new Identity(Pem.readCertificate(cert), Pem.readPrivateKey(key), List.of());
    }

    public SSLContext clientContext() {
        return SslContexts.mutual(ca, cert, key);
    }

    public Optional<CertificateAuthority> certificateAuthority() {
        return caKey.map(k -> CertificateAuthority.load(ca, k));
    }
}
