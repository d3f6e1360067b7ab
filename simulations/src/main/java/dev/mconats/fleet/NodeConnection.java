package dev.mconats.fleet;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.util.concurrent.ScheduledFuture;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * One TCP connection of a {@link SimulatedNode}, speaking the NATS client protocol on a Netty event loop: the server's
 * INFO arrives in plain text, the connection is upgraded to TLS (its own engine, full handshake), then CONNECT, the
 * node's SUBs and a PING go out in one flush and the first PONG confirms them all. From then on it answers server
 * PINGs, sends its own every {@code pingInterval} (two unanswered: the connection is stale and closed, as nats.go
 * does), hands each MSG to the node and publishes the node's replies. Gossiped servers (INFO {@code connect_urls})
 * are passed to the node, which admits them through the run's {@link LoadScope}.
 *
 * <p>All methods run on the channel's event loop except {@link #publish} and {@link #close}, which hop onto it.
 */
final class NodeConnection extends ByteToMessageDecoder {
    /** Longest protocol line accepted (an INFO of a large cluster lists every member's URL). */
    static final int MAX_LINE = 64 * 1024;
    private static final Object KEEPALIVE = new Object();

    private enum Phase { INFO, TLS, CONFIRM, LIVE, CLOSED }

    private final SimulatedNode node;
    private final String url;
    private final long timeoutMillis;
    private final long pingMillis;
    private Channel channel;
    private volatile Phase phase = Phase.INFO;
    private ScheduledFuture<?> deadline;
    private ScheduledFuture<?> pinger;
    private int pingsOut;
    private ArrayDeque<Object> pongWaiters;
    private long maxPayload = NatsWire.DEFAULT_MAX_PAYLOAD;
    private String failure;
    // MSG being read: its payload size (-1: reading control lines), header bytes to skip, subscription id
    private int payloadSize = -1;
    private int headerSize;
    private int sid;

    NodeConnection(SimulatedNode node, String url, long timeoutMillis, long pingMillis) {
        this.node = node;
        this.url = url;
        this.timeoutMillis = timeoutMillis;
        this.pingMillis = pingMillis;
    }

    String url() {
        return url;
    }

    Channel channel() {
        return channel;
    }

    /** Why the attempt failed (set before the channel closes), or null. */
    String failure() {
        return failure;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        channel = ctx.channel();
        deadline = ctx.executor().schedule(() -> fail(ctx, "no confirmed connection within " + timeoutMillis + " ms ("
                + phase.name().toLowerCase() + ")"), timeoutMillis, TimeUnit.MILLISECONDS);
    }

    // The channel is gone (also when the TCP connect itself failed and it never became active): no timer may outlive it.
    @Override
    protected void handlerRemoved0(ChannelHandlerContext ctx) {
        if (deadline != null) {
            deadline.cancel(false);
        }
        if (pinger != null) {
            pinger.cancel(false);
        }
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) throws Exception {
        while (in.isReadable() && phase != Phase.CLOSED) {
            if (payloadSize >= 0) {
                if (in.readableBytes() < payloadSize + 2) {
                    return;
                }
                in.skipBytes(headerSize);
                byte[] data = new byte[payloadSize - headerSize];
                in.readBytes(data);
                in.skipBytes(2);
                payloadSize = -1;
                node.onMessage(this, sid, data);
                continue;
            }
            int start = in.readerIndex();
            int lf = in.indexOf(start, in.writerIndex(), (byte) '\n');
            if (lf < 0) {
                if (in.readableBytes() > MAX_LINE) {
                    protocolError(ctx, "protocol line longer than " + MAX_LINE + " bytes");
                }
                return;
            }
            int end = lf > start && in.getByte(lf - 1) == '\r' ? lf - 1 : lf;
            in.readerIndex(lf + 1);
            line(ctx, in, start, end);
        }
    }

    private void line(ChannelHandlerContext ctx, ByteBuf in, int start, int end) throws IOException {
        int len = end - start;
        switch (len == 0 ? 0 : in.getByte(start) | 0x20) {
            case 'm' -> msg(ctx, in, start + 3, end, false);
            case 'h' -> msg(ctx, in, start + 4, end, true);
            case 'p' -> {
                if (len >= 4 && (in.getByte(start + 1) | 0x20) == 'i') {
                    ctx.writeAndFlush(NatsWire.PONG.duplicate());
                } else {
                    pong(ctx);
                }
            }
            case 'i' -> info(ctx, in, start + 4, end);
            case '+' -> { } // +OK: verbose is off, but a server may still send one
            case '-' -> {
                failure = "server said: " + in.toString(start, len, StandardCharsets.US_ASCII);
                node.serverError();
            }
            default -> protocolError(ctx, "unexpected protocol line: " + in.toString(start, Math.min(len, 80), StandardCharsets.US_ASCII));
        }
    }

    // MSG <subject> <sid> [reply-to] <size>  /  HMSG <subject> <sid> [reply-to] <header size> <total size>
    private void msg(ChannelHandlerContext ctx, ByteBuf in, int from, int end, boolean headers) {
        int[] tokens = new int[12];
        int n = 0;
        int i = from;
        while (i < end && n < 6) {
            while (i < end && isSpace(in.getByte(i))) {
                i++;
            }
            if (i >= end) {
                break;
            }
            int s = i;
            while (i < end && !isSpace(in.getByte(i))) {
                i++;
            }
            tokens[2 * n] = s;
            tokens[2 * n + 1] = i;
            n++;
        }
        int min = headers ? 4 : 3;
        if (n < min || n > min + 1) {
            protocolError(ctx, "malformed " + (headers ? "HMSG" : "MSG") + " line");
            return;
        }
        long total = number(in, tokens[2 * (n - 1)], tokens[2 * (n - 1) + 1]);
        long header = headers ? number(in, tokens[2 * (n - 2)], tokens[2 * (n - 2) + 1]) : 0;
        long id = number(in, tokens[2], tokens[3]);
        if (total < 0 || header < 0 || header > total || total > Math.max(maxPayload, NatsWire.DEFAULT_MAX_PAYLOAD) * 2 || id < 0) {
            protocolError(ctx, "malformed " + (headers ? "HMSG" : "MSG") + " sizes");
            return;
        }
        sid = (int) id;
        headerSize = (int) header;
        payloadSize = (int) total;
    }

    private static boolean isSpace(byte b) {
        return b == ' ' || b == '\t';
    }

    private static long number(ByteBuf in, int from, int to) {
        if (to <= from || to - from > 18) {
            return -1;
        }
        long v = 0;
        for (int i = from; i < to; i++) {
            int d = in.getByte(i) - '0';
            if (d < 0 || d > 9) {
                return -1;
            }
            v = v * 10 + d;
        }
        return v;
    }

    private void info(ChannelHandlerContext ctx, ByteBuf in, int from, int end) throws IOException {
        byte[] json = new byte[end - from];
        in.getBytes(from, json);
        NatsWire.ServerInfo info = NatsWire.parseInfo(json, 0, json.length);
        maxPayload = info.maxPayload();
        if (!info.connectUrls().isEmpty()) {
            node.learn(info.connectUrls());
        }
        if (phase == Phase.INFO) {
            if (!info.tls()) {
                fail(ctx, "server " + url + " does not offer TLS");
                return;
            }
            phase = Phase.TLS;
            ctx.pipeline().addFirst("tls", node.ssl().newHandler(ctx.alloc(), node.identity(), 0));
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof SslHandshakeCompletionEvent done && phase == Phase.TLS) {
            if (done.isSuccess()) {
                phase = Phase.CONFIRM;
                ctx.writeAndFlush(NatsWire.connectAndSubscribe(ctx.alloc(), node.identity(), node.subjects()));
            } else {
                fail(ctx, "TLS handshake with " + url + " failed: " + describe(done.cause()));
            }
        }
    }

    private void pong(ChannelHandlerContext ctx) {
        if (phase == Phase.CONFIRM) {
            phase = Phase.LIVE;
            deadline.cancel(false);
            deadline = null;
            if (node.onLive(this)) {
                long first = ThreadLocalRandom.current().nextLong(pingMillis) + 1;
                pinger = ctx.executor().scheduleAtFixedRate(() -> keepalive(ctx), first, pingMillis, TimeUnit.MILLISECONDS);
            } else {
                ctx.close();
            }
            return;
        }
        pingsOut = 0;
        Object waiter = pongWaiters == null ? null : pongWaiters.poll();
        if (waiter instanceof CompletableFuture<?> f) {
            ((CompletableFuture<?>) f).complete(null);
        }
    }

    private void keepalive(ChannelHandlerContext ctx) {
        if (++pingsOut > 2) {
            failure = "stale connection: " + (pingsOut - 1) + " PINGs unanswered";
            ctx.close();
            return;
        }
        waiters().add(KEEPALIVE);
        ctx.writeAndFlush(NatsWire.PING.duplicate());
    }

    private ArrayDeque<Object> waiters() {
        if (pongWaiters == null) {
            pongWaiters = new ArrayDeque<>(4);
        }
        return pongWaiters;
    }

    /**
     * Publishes on the event loop; {@code confirmed} (may be null) completes once the server has processed it (a PING
     * after it, answered). False when the connection is not live or the payload exceeds the server's max_payload.
     */
    boolean publish(String subject, byte[] payload, CompletableFuture<Void> confirmed) {
        if (phase != Phase.LIVE || payload.length > maxPayload) {
            return false;
        }
        if (channel.eventLoop().inEventLoop()) {
            write(subject, payload, confirmed);
        } else {
            channel.eventLoop().execute(() -> write(subject, payload, confirmed));
        }
        return true;
    }

    private void write(String subject, byte[] payload, CompletableFuture<Void> confirmed) {
        if (phase != Phase.LIVE) {
            if (confirmed != null) {
                confirmed.completeExceptionally(new IOException("connection to " + url + " lost"));
            }
            return;
        }
        if (confirmed != null) {
            waiters().add(confirmed);
        }
        channel.writeAndFlush(NatsWire.pub(channel.alloc(), subject, payload, confirmed != null));
    }

    private void protocolError(ChannelHandlerContext ctx, String what) {
        failure = what;
        node.serverError();
        ctx.close();
    }

    private void fail(ChannelHandlerContext ctx, String why) {
        if (phase != Phase.LIVE && phase != Phase.CLOSED) {
            failure = why;
            ctx.close();
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (failure == null) {
            failure = describe(cause);
        }
        ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        Phase was = phase;
        phase = Phase.CLOSED;
        if (deadline != null) {
            deadline.cancel(false);
        }
        if (pinger != null) {
            pinger.cancel(false);
        }
        if (pongWaiters != null) {
            IOException lost = new IOException("connection to " + url + " lost");
            for (Object w : pongWaiters) {
                if (w instanceof CompletableFuture<?> f) {
                    f.completeExceptionally(lost);
                }
            }
            pongWaiters = null;
        }
        payloadSize = -1;
        if (was == Phase.LIVE) {
            node.onLost(this);
        } else {
            node.onAttemptFailed(this, failure != null ? failure : "connection to " + url + " closed by the server ("
                    + was.name().toLowerCase() + ")");
        }
        super.channelInactive(ctx);
    }

    /** Closes the connection (any thread). */
    void close() {
        Channel c = channel;
        if (c != null) {
            c.close();
        }
    }

    static String describe(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && (c.getMessage() == null || c instanceof io.netty.handler.codec.DecoderException)) {
            c = c.getCause();
        }
        String m = c.getMessage();
        return c.getClass().getSimpleName() + (m == null ? "" : ": " + m.replace('\n', ' '));
    }
}
