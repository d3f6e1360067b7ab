package dev.mconats.conformance;

import java.time.Duration;

/**
 * Timeouts and limits of a run, and how strictly it is judged. The defaults keep a healthy 3-node cluster well under
 * ten seconds while leaving a loaded staging server three seconds per answer.
 *
 * @param connectTimeout      TCP connect
 * @param answerTimeout       INFO, PONG, -ERR: how long a server may take to answer one probe step
 * @param deliveryTimeout     a message crossing the routes (publisher on one node, subscriber on another)
 * @param handshakeTime       the minimum time a server must allow for a TLS handshake (go-choria#228: 2 s)
 * @param handshakeSlack      measuring tolerance for {@code handshakeTime} (timer start vs. INFO arrival)
 * @param handshakesInFlight  TLS handshakes the suite runs at once (its own load must not slow a server's handshakes)
 * @param helloProbesInFlight ClientHello probes per node at once in the cipher audit (no handshake completes)
 * @param strict              SKIP and WARN fail the run too (CI gates that must not go green without looking)
 */
public record Settings(Duration connectTimeout, Duration answerTimeout, Duration deliveryTimeout,
                       Duration handshakeTime, Duration handshakeSlack, int handshakesInFlight, int helloProbesInFlight,
                       boolean strict) {

    public static Settings defaults() {
        return new Settings(Duration.ofSeconds(3), Duration.ofSeconds(3), Duration.ofSeconds(3),
                Duration.ofSeconds(2), Duration.ofMillis(100), 4, 4, false);
    }

    public Settings withStrict(boolean s) {
        return new Settings(connectTimeout, answerTimeout, deliveryTimeout, handshakeTime, handshakeSlack, handshakesInFlight,
                helloProbesInFlight, s);
    }
}
