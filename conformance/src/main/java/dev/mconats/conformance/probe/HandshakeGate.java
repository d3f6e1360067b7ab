package dev.mconats.conformance.probe;

import java.util.concurrent.Semaphore;

/**
 * Bounds the TLS handshakes the suite has in flight. A server starts its handshake timer when it sends INFO; if the
 * suite opened dozens of TLS sessions at once, its own CPU load (an RSA-4096 client key costs milliseconds per
 * handshake, more in a cold JVM) could make the server give up, and a healthy server would look broken. A permit is
 * taken BEFORE the TCP connection (the timer starts right after it) and given back once the handshake is over.
 */
public final class HandshakeGate {
    private final Semaphore permits;

    public HandshakeGate(int inFlight) {
        this.permits = new Semaphore(inFlight, true);
    }

    /** Blocks until a handshake may start; close the permit when the handshake is over (idempotent). */
    public Permit enter() {
        permits.acquireUninterruptibly();
        return new Permit();
    }

    public final class Permit implements AutoCloseable {
        private boolean released;

        private Permit() {
        }

        @Override
        public synchronized void close() {
            if (!released) {
                released = true;
                permits.release();
            }
        }
    }
}
