package dev.mconats.conformance.probe;

import java.net.Socket;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Accepts any server certificate and remembers the chain. Probes that test what the SERVER does with a client
 * (refuse plaintext, refuse a bad client certificate, time out a handshake) must not stop at the client's own
 * judgement of the server certificate; that judgement is {@code tls/server-cert-valid}'s job.
 */
public final class CapturingTrustManager extends X509ExtendedTrustManager {
    private final AtomicReference<List<X509Certificate>> chain = new AtomicReference<>(List.of());

    public List<X509Certificate> chain() {
        return chain.get();
    }

    @Override
    public void checkServerTrusted(X509Certificate[] certs, String authType) {
        chain.set(List.of(certs));
    }

    @Override
    public void checkServerTrusted(X509Certificate[] certs, String authType, Socket socket) {
        chain.set(List.of(certs));
    }

    @Override
    public void checkServerTrusted(X509Certificate[] certs, String authType, SSLEngine engine) {
        chain.set(List.of(certs));
    }

    @Override
    public void checkClientTrusted(X509Certificate[] certs, String authType) {
        throw new UnsupportedOperationException("client side only");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] certs, String authType, Socket socket) {
        throw new UnsupportedOperationException("client side only");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] certs, String authType, SSLEngine engine) {
        throw new UnsupportedOperationException("client side only");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
    }
}
