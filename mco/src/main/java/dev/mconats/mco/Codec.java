package dev.mconats.mco;

import com.fasterxml.jackson.core.JacksonException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Encodes and decodes NATS payloads of protocol v1:
 * transport{data: base64(secure{message: request JSON, signature, pubcert})} for requests and
 * transport{data: base64(secure{message: reply JSON, hash})} for replies.
 *
 * <p>Decoding a request checks, in order: JSON shape and protocol strings of each level, the sender
 * certificate and signature (via {@link Verifier}), then the TTL window against the injected
 * {@link Clock}. Signature comes before TTL so a forged message is reported as forged even if stale.
 * Thread-safe; one instance can serve every simulated node.
 */
public final class Codec {
    private final Clock clock;
    private final Verifier verifier;

    /** Client-side codec: encodes requests and decodes replies; {@link #decodeRequest} is unavailable. */
    public Codec(Clock clock) {
        this(null, clock);
    }

    /** Node-side (or both-sides) codec that verifies incoming requests with {@code verifier}. */
    public Codec(Verifier verifier, Clock clock) {
        this.verifier = verifier;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public Clock clock() {
        return clock;
    }

    /** Current unix seconds of this codec's clock, the unit of {@code time} fields. */
    public long nowSeconds() {
        return Math.floorDiv(clock.millis(), 1000L);
    }

    // ---------------------------------------------------------------- requests

    /** Signs {@code request} and wraps it for the wire with the given reply subject and mc_sender = request senderid. */
    public byte[] encodeRequest(Request request, Signer signer, String replyTo) {
        return encodeRequest(request, signer, TransportHeaders.forRequest(replyTo, request.senderId()));
    }

    /**
     * Signs and wraps {@code request} with explicit headers. The caller id is not forced to match the
     * signer, so conformance tests can produce requests a node must refuse.
     */
    public byte[] encodeRequest(Request request, Signer signer, TransportHeaders headers) {
        Wire.RequestMessage inner = new Wire.RequestMessage(Protocol.REQUEST, request.bodyUnsafe(),
                new Wire.RequestEnvelope(request.requestId(), request.senderId(), request.callerId(),
                        request.collective(), request.agent(), request.ttl(), request.time(),
                        Wire.WireFilter.of(request.filter())));
        String message = write(inner);
        String signature = signer.signBase64(message);
        byte[] secure = writeBytes(new Wire.SecureRequest(Protocol.SECURE_REQUEST, message, signature, signer.certificatePem()));
        return writeBytes(new Wire.Transport(Protocol.TRANSPORT, secure, Wire.Headers.of(headers)));
    }

    /**
     * Decodes and fully verifies a request payload. The signature, CA chain, caller and TTL are checked on every call;
     * only the parsing of a payload byte-identical to one of the last few decoded is skipped (see {@link ParsedRequest}).
     */
    public DecodedRequest decodeRequest(byte[] payload) throws MessageRejected {
        if (verifier == null) {
            throw new IllegalStateException("this Codec has no Verifier; construct it with one to decode requests");
        }
        ParsedRequest parsed = recentlyParsed(payload);
        if (parsed == null) {
            parsed = parseRequest(payload);
            remember(parsed);
        }
        Request request = parsed.request;
        long now = nowSeconds();
        String certname = verifier.verify(parsed.message, parsed.signature, parsed.pubcert, request.callerId(), now);

        long age = now - request.time();
        if (age > request.ttl() || -age > request.ttl()) {
            throw new MessageRejected(RejectReason.EXPIRED_TTL, "request " + request.requestId() + " time " + request.time()
                    + " is " + age + "s from now, outside ttl " + request.ttl() + "s");
        }
        return new DecodedRequest(request, parsed.headers, certname);
    }

    private static ParsedRequest parseRequest(byte[] payload) throws MessageRejected {
        Wire.Transport transport = readTransport(payload);
        Wire.SecureRequest secure = parse(() -> WireParser.secureRequest(transport.data()), "secure request");
        expectProtocol(Protocol.SECURE_REQUEST, secure.protocol(), "secure request");
        if (secure.message() == null) {
            throw new MessageRejected(RejectReason.MALFORMED, "secure request has no message");
        }
        Wire.RequestMessage inner = parse(() -> WireParser.requestMessage(secure.message()), "request");
        expectProtocol(Protocol.REQUEST, inner.protocol(), "request");
        // a copy: the caller may reuse its buffer, and the memo must only ever match the bytes that were parsed
        return new ParsedRequest(payload.clone(), toRequest(inner), headersOf(transport), secure.message(), secure.signature(),
                secure.pubcert());
    }

    /**
     * A request payload parsed into its parts (not yet verified). A broadcast reaches every simulated node with the
     * same bytes, so a fleet's shared codec parses it once: a payload equal byte for byte to a recent one has, by
     * construction, the same parse result. Verification and TTL are not cached here (the Verifier memoises only the
     * signature maths); a real node parses each request on its own CPU, which does not change how the cluster
     * scales — it only made the injector's two cores, not the server, the limit of a round.
     */
    private record ParsedRequest(byte[] payload, Request request, TransportHeaders headers, String message,
                                 String signature, String pubcert) {
    }

    private static final int RECENT_REQUESTS = 4;
    // Immutable entries in a small ring; races only cost a re-parse.
    private final AtomicReferenceArray<ParsedRequest> recent = new AtomicReferenceArray<>(RECENT_REQUESTS);
    private final AtomicInteger nextRecent = new AtomicInteger();

    private ParsedRequest recentlyParsed(byte[] payload) {
        for (int i = 0; i < RECENT_REQUESTS; i++) {
            ParsedRequest p = recent.get(i);
            if (p != null && Arrays.equals(p.payload, payload)) {
                return p;
            }
        }
        return null;
    }

    private void remember(ParsedRequest parsed) {
        recent.set(Math.floorMod(nextRecent.getAndIncrement(), RECENT_REQUESTS), parsed);
    }

    // ---------------------------------------------------------------- replies

    /** Wraps a reply for the wire; mc_sender is the replying node (reply senderid). Replies are hashed, not signed. */
    public byte[] encodeReply(Reply reply) {
        return ReplyWriter.encode(reply);
    }

    /** Decodes a reply payload; a hash that does not match the message is {@link RejectReason#BAD_SIGNATURE}. */
    public Reply decodeReply(byte[] payload) throws MessageRejected {
        Wire.Transport transport = readTransport(payload);
        Wire.SecureReply secure = parse(() -> WireParser.secureReply(transport.data()), "secure reply");
        expectProtocol(Protocol.SECURE_REPLY, secure.protocol(), "secure reply");
        if (secure.message() == null || secure.hash() == null) {
            throw new MessageRejected(RejectReason.MALFORMED, "secure reply lacks message or hash");
        }
        byte[] expected;
        try {
            expected = Base64.getMimeDecoder().decode(secure.hash());
        } catch (IllegalArgumentException e) {
            throw new MessageRejected(RejectReason.MALFORMED, "reply hash is not base64", e);
        }
        if (!MessageDigest.isEqual(expected, sha256(secure.message()))) {
            throw new MessageRejected(RejectReason.BAD_SIGNATURE, "reply hash does not match its message");
        }
        Wire.ReplyMessage inner = parse(() -> WireParser.replyMessage(secure.message()), "reply");
        expectProtocol(Protocol.REPLY, inner.protocol(), "reply");
        Wire.ReplyEnvelope env = inner.envelope();
        if (env == null || env.time() == null || inner.message() == null) {
            throw new MessageRejected(RejectReason.MALFORMED, "reply lacks envelope, time or message");
        }
        try {
            return new Reply(env.requestId(), env.senderId(), env.agent(), env.time(), inner.message());
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new MessageRejected(RejectReason.MALFORMED, "invalid reply envelope: " + e.getMessage(), e);
        }
    }

    // ---------------------------------------------------------------- helpers

    private static Wire.Transport readTransport(byte[] payload) throws MessageRejected {
        if (payload == null || payload.length == 0) {
            throw new MessageRejected(RejectReason.MALFORMED, "empty payload");
        }
        Wire.Transport transport = parse(() -> WireParser.transport(payload), "transport");
        expectProtocol(Protocol.TRANSPORT, transport.protocol(), "transport");
        if (transport.data() == null) {
            throw new MessageRejected(RejectReason.MALFORMED, "transport has no data");
        }
        return transport;
    }

    private static TransportHeaders headersOf(Wire.Transport transport) {
        return transport.headers() == null ? TransportHeaders.forRequest(null, null) : transport.headers().toModel();
    }

    private static Request toRequest(Wire.RequestMessage inner) throws MessageRejected {
        Wire.RequestEnvelope env = inner.envelope();
        if (env == null || env.ttl() == null || env.time() == null || env.filter() == null || inner.message() == null) {
            throw new MessageRejected(RejectReason.MALFORMED, "request lacks envelope, ttl, time, filter or message");
        }
        try {
            return new Request(env.requestId(), env.senderId(), env.callerId(), env.collective(), env.agent(),
                    env.ttl(), env.time(), env.filter().toModel(), inner.message());
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new MessageRejected(RejectReason.MALFORMED, "invalid request envelope: " + e.getMessage(), e);
        }
    }

    private static void expectProtocol(String expected, String actual, String level) throws MessageRejected {
        if (!expected.equals(actual)) {
            throw new MessageRejected(actual == null ? RejectReason.MALFORMED : RejectReason.WRONG_PROTOCOL,
                    level + " protocol is " + actual + ", expected " + expected);
        }
    }

    /** One level parsed by {@link WireParser}; any parse error is MALFORMED naming the level. */
    private static <T> T parse(Level<T> level, String name) throws MessageRejected {
        try {
            return level.parse();
        } catch (IOException e) {
            throw new MessageRejected(RejectReason.MALFORMED, name + " is not valid JSON: " + firstLine(e), e);
        }
    }

    @FunctionalInterface
    private interface Level<T> {
        T parse() throws IOException;
    }

    private static String firstLine(IOException e) {
        String msg = e instanceof JacksonException je ? je.getOriginalMessage() : e.getMessage();
        if (msg == null) {
            return e.getClass().getSimpleName();
        }
        int nl = msg.indexOf('\n');
        return nl < 0 ? msg : msg.substring(0, nl);
    }

    private static String write(Object value) {
        try {
            return Wire.WRITER.writeValueAsString(value);
        } catch (JacksonException e) {
            throw new IllegalStateException("cannot serialise " + value.getClass().getSimpleName(), e);
        }
    }

    private static byte[] writeBytes(Object value) {
        try {
            return Wire.WRITER.writeValueAsBytes(value);
        } catch (JacksonException e) {
            throw new IllegalStateException("cannot serialise " + value.getClass().getSimpleName(), e);
        }
    }

    static byte[] sha256(String message) {
        return ReplyWriter.sha256(message.getBytes(StandardCharsets.UTF_8));
    }
}
