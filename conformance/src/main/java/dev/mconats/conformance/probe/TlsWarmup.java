package dev.mconats.conformance.probe;

import dev.mconats.pki.Identity;
import dev.mconats.pki.SslContexts;
import java.nio.ByteBuffer;
import java.security.cert.X509Certificate;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * Runs a few TLS handshakes inside the JVM, client and server both in memory, with the target's client key. A JVM's
 * first handshakes are slow (JSSE class loading, the key operations still interpreted); paid here, that cost cannot
 * make a real server's handshake timer run out on the suite's first probes and make a healthy server look broken.
 */
public final class TlsWarmup {
    private static final int ROUNDS = 3;

    private TlsWarmup() {
    }

    /** Returns how many in-memory handshakes completed. Failures are ignored: a warm-up must never decide a verdict. */
    public static int run(Identity client) {
        int completed = 0;
        try {
            TrustManager[] anyone = {new TrustAnyone()};
            SSLContext clientSide = SslContexts.context(new KeyManager[] {new FixedKeyManager(client)}, anyone);
            SSLContext serverSide = SslContexts.context(SslContexts.keyManagers(client), anyone);
            for (int i = 0; i < ROUNDS; i++) {
                SSLEngine c = clientSide.createSSLEngine("warmup.invalid", 4222);
                c.setUseClientMode(true);
                SSLEngine s = serverSide.createSSLEngine();
                s.setUseClientMode(false);
                s.setNeedClientAuth(true);
                if (handshake(c, s)) {
                    completed++;
                }
            }
        } catch (RuntimeException | SSLException e) {
            // the probes will meet whatever this ran into, and report it there
        }
        return completed;
    }

    private static boolean handshake(SSLEngine c, SSLEngine s) throws SSLException {
        int size = Math.max(c.getSession().getPacketBufferSize(), s.getSession().getPacketBufferSize());
        ByteBuffer toServer = ByteBuffer.allocate(size * 4);
        ByteBuffer toClient = ByteBuffer.allocate(size * 4);
        ByteBuffer app = ByteBuffer.allocate(c.getSession().getApplicationBufferSize() * 2);
        ByteBuffer empty = ByteBuffer.allocate(0);
        c.beginHandshake();
        s.beginHandshake();
        for (int step = 0; step < 200 && !(done(c) && done(s)); step++) {
            step(c, empty, toServer, toClient, app);
            step(s, empty, toClient, toServer, app);
        }
        return done(c) && done(s) && c.getSession().getPeerCertificates().length > 0
                && s.getSession().getPeerCertificates().length > 0;
    }

    // One turn of an engine: run its tasks, write what it wants to send, read what the peer sent.
    private static void step(SSLEngine e, ByteBuffer empty, ByteBuffer out, ByteBuffer in, ByteBuffer app) throws SSLException {
        Runnable task;
        while ((task = e.getDelegatedTask()) != null) {
            task.run();
        }
        if (e.getHandshakeStatus() == SSLEngineResult.HandshakeStatus.NEED_WRAP) {
            e.wrap(empty, out);
        }
        in.flip();
        if (in.hasRemaining() && e.getHandshakeStatus() == SSLEngineResult.HandshakeStatus.NEED_UNWRAP) {
            app.clear();
            e.unwrap(in, app);
        }
        in.compact();
    }

    private static boolean done(SSLEngine e) {
        SSLEngineResult.HandshakeStatus h = e.getHandshakeStatus();
        return h == SSLEngineResult.HandshakeStatus.NOT_HANDSHAKING || h == SSLEngineResult.HandshakeStatus.FINISHED;
    }

    /** Both ends of the in-memory warm-up use the same throwaway trust: nothing leaves the JVM. */
    private static final class TrustAnyone implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
