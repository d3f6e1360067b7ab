package dev.mconats.conformance.probe;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Trusts a server the way an MCollective node does: the chain must lead to the Puppet CA AND the certificate must
 * cover the host name the node connects to. jnats alone checks only the chain (it connects by address), so this
 * wrapper adds the name check a Go or Ruby node would make.
 */
public final class StrictTrustManager extends X509ExtendedTrustManager {
    private final X509ExtendedTrustManager chain;
    private final String expectedHost;

    public StrictTrustManager(X509ExtendedTrustManager chain, String expectedHost) {
        this.chain = chain;
        this.expectedHost = expectedHost;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] certs, String authType) throws CertificateException {
        chain.checkServerTrusted(certs, authType);
        checkName(certs);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] certs, String authType, Socket socket) throws CertificateException {
        chain.checkServerTrusted(certs, authType, socket);
        checkName(certs);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] certs, String authType, SSLEngine engine) throws CertificateException {
        chain.checkServerTrusted(certs, authType, engine);
        checkName(certs);
    }

    private void checkName(X509Certificate[] certs) throws CertificateException {
        if (certs.length == 0 || !ServerNames.covers(certs[0], expectedHost)) {
            throw new CertificateException("server certificate does not cover " + expectedHost + " (SANs "
                    + (certs.length == 0 ? "none" : ServerNames.sans(certs[0])) + ")");
        }
    }

    @Override
    public void checkClientTrusted(X509Certificate[] certs, String authType) throws CertificateException {
        chain.checkClientTrusted(certs, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] certs, String authType, Socket socket) throws CertificateException {
        chain.checkClientTrusted(certs, authType, socket);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] certs, String authType, SSLEngine engine) throws CertificateException {
        chain.checkClientTrusted(certs, authType, engine);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return chain.getAcceptedIssuers();
    }
}
