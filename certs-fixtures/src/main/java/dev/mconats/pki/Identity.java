package dev.mconats.pki;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;

/** A certificate with its private key and the chain up to (and including) its issuer. */
public record Identity(X509Certificate certificate, PrivateKey privateKey, List<X509Certificate> issuers) {
    public Identity {
        issuers = List.copyOf(issuers);
    }

    /** The certificate followed by its issuers, as TLS sends it. */
    public X509Certificate[] chain() {
        X509Certificate[] chain = new X509Certificate[issuers.size() + 1];
        chain[0] = certificate;
        for (int i = 0; i < issuers.size(); i++) {
            chain[i + 1] = issuers.get(i);
        }
        return chain;
    }

    public String commonName() {
        return Pem.commonName(certificate);
    }
}
