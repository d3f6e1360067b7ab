package dev.mconats.pki;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Date;
import java.util.List;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Checks a server's certificate chain against a fixed set of CAs, as a TLS client that trusts exactly the Puppet CA:
 * every certificate on the path is within its validity, each is signed by the next (intermediates must be CAs), the
 * path ends at a trusted CA, and the leaf, if it names extended key usages, allows serverAuth. No revocation, no
 * host-name check (as jnats: the chain only). A few signature checks instead of the JDK's general PKIX machinery
 * (cert path builder, algorithm constraints, policy tree): a simulated node pays this on every handshake, and PKIX
 * cost it more than the TLS library's own work (docs/load-performance.md, "TLS provider"). Client side only.
 */
public final class CaChainTrust extends X509ExtendedTrustManager {
    private static final int MAX_PATH = 8;
    private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
    private static final String ANY_USAGE = "2.5.29.37.0";

    private final X509Certificate[] trusted;

    public CaChainTrust(List<X509Certificate> trusted) {
        if (trusted.isEmpty()) {
            throw new IllegalArgumentException("no trusted CA");
        }
        this.trusted = trusted.toArray(X509Certificate[]::new);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        if (chain == null || chain.length == 0) {
            throw new CertificateException("the server sent no certificate");
        }
        Date now = new Date();
        X509Certificate cert = chain[0];
        cert.checkValidity(now);
        checkServerUsage(cert);
        for (int depth = 0; depth < MAX_PATH; depth++) {
            for (X509Certificate ca : trusted) {
                if (ca.getSubjectX500Principal().equals(cert.getIssuerX500Principal()) && signedBy(cert, ca)) {
                    ca.checkValidity(now);
                    return;
                }
            }
            X509Certificate issuer = issuerIn(chain, cert);
            if (issuer == null) {
                throw new CertificateException("server certificate " + cert.getSubjectX500Principal().getName()
                        + " is not issued by a trusted CA (issuer " + cert.getIssuerX500Principal().getName() + ")");
            }
            issuer.checkValidity(now);
            if (issuer.getBasicConstraints() < 0) {
                throw new CertificateException("intermediate " + issuer.getSubjectX500Principal().getName() + " is not a CA");
            }
            cert = issuer;
        }
        throw new CertificateException("server certificate chain longer than " + MAX_PATH);
    }

    private static X509Certificate issuerIn(X509Certificate[] chain, X509Certificate cert) {
        for (X509Certificate c : chain) {
            if (c != cert && c.getSubjectX500Principal().equals(cert.getIssuerX500Principal()) && signedBy(cert, c)) {
                return c;
            }
        }
        return null;
    }

    private static boolean signedBy(X509Certificate cert, X509Certificate issuer) {
        try {
            cert.verify(issuer.getPublicKey());
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static void checkServerUsage(X509Certificate leaf) throws CertificateException {
        List<String> usages;
        try {
            usages = leaf.getExtendedKeyUsage();
        } catch (CertificateParsingException e) {
            throw new CertificateException("unreadable extended key usage: " + e.getMessage(), e);
        }
        if (usages != null && !usages.contains(SERVER_AUTH) && !usages.contains(ANY_USAGE)) {
            throw new CertificateException("server certificate " + leaf.getSubjectX500Principal().getName()
                    + " is not for server authentication (extended key usage " + usages + ")");
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        checkServerTrusted(chain, authType);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        checkServerTrusted(chain, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("client side only: no client certificates are checked here");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        checkClientTrusted(chain, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        checkClientTrusted(chain, authType);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return trusted.clone();
    }
}
