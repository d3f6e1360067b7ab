package dev.mconats.fleet;

import io.nats.client.Options;
import java.time.Duration;

/**
 * jnats buffer and timing settings. {@link #node()} is tuned for density (about 20,000 connections in one JVM, see
 * docs/load.md): jnats' defaults allocate two 64 KiB buffers and ask the kernel for 2 MiB socket buffers per
 * connection. {@link #client()} keeps jnats' defaults: a client receives thousands of replies per broadcast.
 *
 * @param bufferSize          jnats read/write buffer (allocated twice per connection); 0 keeps jnats' default
 * @param maxControlLine      longest protocol line accepted; 0 keeps jnats' default
 * @param socketBufferSize    SO_RCVBUF and SO_SNDBUF; 0 keeps jnats' 2 MiB
 * @param reconnectBufferSize bytes buffered while disconnected (Choria: 10 KiB)
 * @param maxOutgoingMessages outgoing queue length; 0 keeps jnats' default
 * @param connectTimeout      TCP connect plus TLS handshake must finish within this
 * @param pingInterval        client PING interval (Choria: 30 s)
 */
public record ConnectionTuning(int bufferSize, int maxControlLine, int socketBufferSize, long reconnectBufferSize,
                               int maxOutgoingMessages, Duration connectTimeout, Duration pingInterval) {

    /**
     * A node receives requests of 1.5-3.5 KB and sends replies of ~0.6 KB. jnats keeps per connection a read buffer and
     * a write buffer of {@code bufferSize} (the write buffer grows to the largest message sent, the reader gathers
     * larger messages separately), plus a byte and a char buffer of {@code maxControlLine} for protocol lines. A node's
     * MSG lines (subject, reply subject, size) stay under 200 characters and longer INFO lines enlarge jnats' byte
     * buffer on demand, so 512 bytes each suffice: about 4.5 KB less heap per node than 2 KiB / 1 KiB (a request is
     * read in a few more calls of 512 bytes, each a copy out of the TLS socket's own 4 KiB record buffer).
     */
    public static ConnectionTuning node() {
        return new ConnectionTuning(512, 512, 16 * 1024, 10 * 1024, 1000, Duration.ofSeconds(2), Duration.ofSeconds(30));
    }

    public static ConnectionTuning client() {
        return new ConnectionTuning(0, 0, 0, 10 * 1024 * 1024, 0, Duration.ofSeconds(5), Duration.ofSeconds(30));
    }

    public ConnectionTuning withConnectTimeout(Duration timeout) {
        return new ConnectionTuning(bufferSize, maxControlLine, socketBufferSize, reconnectBufferSize, maxOutgoingMessages,
                timeout, pingInterval);
    }

    public Options.Builder apply(Options.Builder b) {
        if (bufferSize > 0) {
            b.bufferSize(bufferSize);
        }
        if (maxControlLine > 0) {
            b.maxControlLine(maxControlLine);
        }
        if (socketBufferSize > 0) {
            b.receiveBufferSize(socketBufferSize).sendBufferSize(socketBufferSize);
        }
        if (maxOutgoingMessages > 0) {
            b.maxMessagesInOutgoingQueue(maxOutgoingMessages);
        }
        return b.reconnectBufferSize(reconnectBufferSize)
                .connectionTimeout(connectTimeout)
                .pingInterval(pingInterval);
    }
}
