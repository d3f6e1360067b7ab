package dev.mconats.pki;

import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/**
 * Builds JSSE contexts from Puppet-layout PEM files. Trust is the given CA only, never the JDK's default store:
 * MCollective trusts exactly the Puppet CA.
 */
public final class SslContexts {
    private static final char[] NO_PASSWORD = new char[0];

    private SslContexts() {
    }

    public static SSLContext mutual(Path caFile, Path certFile, Path keyFile) {
        Identity id = new Identity(Pem.readCertificate(certFile), Pem.readPrivateKey(keyFile), List.of());
        if (!Pem.matches(id.certificate(), id.privateKey())) {
            throw new PkiException("private key " + keyFile + " does not match certificate " + certFile);
        }
        return mutual(Pem.readCertificates(caFile), id);
    }

    public static SSLContext mutual(List<X509Certificate> trusted, Identity identity) {
        return context(keyManagers(identity), trustManagers(trusted));
    }

    public static SSLContext context(KeyManager[] keys, TrustManager[] trust) {
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(keys, trust, null);
            return ctx;
        } catch (Exception e) {
            throw new PkiException("cannot build TLS context: " + Pem.oneLine(e), e);
        }
    }

    /** Key managers for one identity; share them between many contexts to keep per-node memory small. */
    public static KeyManager[] keyManagers(Identity identity) {
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setKeyEntry("identity", identity.privateKey(), NO_PASSWORD, identity.chain());
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, NO_PASSWORD);
            return kmf.getKeyManagers();
        } catch (Exception e) {
            throw new PkiException("cannot load key for " + identity.commonName() + ": " + Pem.oneLine(e), e);
        }
    }

    public static TrustManager[] trustManagers(List<X509Certificate> trusted) {
        try {
            KeyStore ts = KeyStore.getInstance("PKCS12");
            ts.load(null, null);
            int i = 0;
            for (X509Certificate c : trusted) {
                ts.setCertificateEntry("ca-" + i++, c);
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(ts);
            return tmf.getTrustManagers();
        } catch (Exception e) {
            throw new PkiException("cannot load trusted CA: " + Pem.oneLine(e), e);
        }
    }
}
