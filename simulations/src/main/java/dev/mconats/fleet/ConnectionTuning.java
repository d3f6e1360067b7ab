package dev.mconats.fleet;

import io.nats.client.Options;
import java.time.Duration;

/**
 * Buffer and timing settings of one kind of connection. {@link #node()} is for the simulated nodes' own connections
 * ({@link NodeConnection}), which use only the socket buffers, the connect timeout and the PING interval: they
 * hold no buffer of their own between messages. {@link #client()} keeps jnats' defaults: a client receives
 * thousands of replies per broadcast.
 *
 * @param bufferSize          jnats read/write buffer (allocated twice per connection); 0 keeps jnats' default
 * @param maxControlLine      longest protocol line accepted; 0 keeps jnats' default
 * @param socketBufferSize    SO_RCVBUF and SO_SNDBUF; 0 keeps the default (jnats: 2 MiB)
 * @param reconnectBufferSize bytes jnats buffers while disconnected (Choria: 10 KiB)
 * @param maxOutgoingMessages jnats' outgoing queue length; 0 keeps jnats' default
 * @param connectTimeout      TCP connect, TLS handshake and (nodes) the confirmed CONNECT must finish within this
 * @param pingInterval        client PING interval (Choria: 30 s)
 */
public record ConnectionTuning(int bufferSize, int maxControlLine, int socketBufferSize, long reconnectBufferSize,
                               int maxOutgoingMessages, Duration connectTimeout, Duration pingInterval) {

    /**
     * A node receives requests of 1.5-3.5 KB and sends replies of ~0.6 KB: 16 KiB socket buffers each way (the kernel
     * default would grow them to megabytes per connection under a broadcast); a Choria node's 2 s connect timeout
     * and 30 s PING interval.
     */
    public static ConnectionTuning node() {
        return new ConnectionTuning(0, 0, 16 * 1024, 10 * 1024, 0, Duration.ofSeconds(2), Duration.ofSeconds(30));
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
