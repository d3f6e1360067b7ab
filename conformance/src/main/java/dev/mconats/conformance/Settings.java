package dev.mconats.conformance;

import java.time.Duration;

/**
 * Timeouts and sample sizes of a run. The defaults keep a healthy 3-node cluster well under ten seconds while
 * leaving a loaded staging server three seconds per answer.
 *
 * @param connectTimeout      TCP connect
 * @param answerTimeout       INFO, PONG, -ERR: how long a server may take to answer one probe step
 * @param deliveryTimeout     a message crossing the routes (publisher on one node, subscriber on another)
 * @param handshakeTime       the minimum time a server must allow for a TLS handshake (go-choria#228: 2 s)
 * @param handshakeSlack      measuring tolerance for {@code handshakeTime} (timer start vs. INFO arrival)
 * @param rfc2782Draws        draws of the RFC 2782 order in {@code srv/rfc2782-order}
 * @param handshakesInFlight  TLS handshakes the suite runs at once (its own load must not slow a server's handshakes)
 */
public record Settings(Duration connectTimeout, Duration answerTimeout, Duration deliveryTimeout,
                       Duration handshakeTime, Duration handshakeSlack, int rfc2782Draws, int handshakesInFlight) {

    public static Settings defaults() {
        return new Settings(Duration.ofSeconds(3), Duration.ofSeconds(3), Duration.ofSeconds(3),
                Duration.ofSeconds(2), Duration.ofMillis(100), 20_000, 4);
    }
}
