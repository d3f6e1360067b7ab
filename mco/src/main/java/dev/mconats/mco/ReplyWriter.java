package dev.mconats.mco;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * Writes a reply's three v1 levels with Jackson's streaming generator: every simulated node encodes one reply per
 * request, so this skips data binding's per-call serializer lookup and Jackson's byte-at-a-time base64 (the
 * JDK's encoder is vectorised). Output is byte-for-byte what the data-bound {@link Wire} records produce:
 * same field order, standard padded base64 without line breaks, {@code mc_sender} and an empty {@code seen-by} in
 * the headers (no {@code reply-to}, no {@code federation}). Thread-safe.
 */
final class ReplyWriter {
    private static final JsonFactory JSON = Wire.MAPPER.getFactory();
    private static final Base64.Encoder BASE64 = Base64.getEncoder();
    private static final MessageDigest SHA256_PROTOTYPE;

    static {
        try {
            SHA256_PROTOTYPE = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is a mandatory JDK algorithm", e);
        }
    }

    private ReplyWriter() {
    }

    static byte[] encode(Reply reply) {
        try {
            String message = inner(reply);
            String hash = BASE64.encodeToString(sha256(message.getBytes(StandardCharsets.UTF_8)));
            byte[] secure = secure(message, hash);
            return transport(BASE64.encodeToString(secure), reply.senderId());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a reply in memory", e);
        }
    }

    private static String inner(Reply reply) throws IOException {
        StringWriter out = new StringWriter(256);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("protocol", Protocol.REPLY);
            g.writeStringField("message", BASE64.encodeToString(reply.bodyUnsafe()));
            g.writeObjectFieldStart("envelope");
            g.writeStringField("requestid", reply.requestId());
            g.writeStringField("senderid", reply.senderId());
            g.writeStringField("agent", reply.agent());
            g.writeNumberField("time", reply.time());
            g.writeEndObject();
            g.writeEndObject();
        }
        return out.toString();
    }

    private static byte[] secure(String message, String hash) throws IOException {
        try (ByteArrayBuilder out = new ByteArrayBuilder(message.length() + 128)) {
            try (JsonGenerator g = JSON.createGenerator(out)) {
                g.writeStartObject();
                g.writeStringField("protocol", Protocol.SECURE_REPLY);
                g.writeStringField("message", message);
                g.writeStringField("hash", hash);
                g.writeEndObject();
            }
            return out.toByteArray();
        }
    }

    private static byte[] transport(String data, String sender) throws IOException {
        try (ByteArrayBuilder out = new ByteArrayBuilder(data.length() + 128)) {
            try (JsonGenerator g = JSON.createGenerator(out)) {
                g.writeStartObject();
                g.writeStringField("protocol", Protocol.TRANSPORT);
                g.writeStringField("data", data);
                g.writeObjectFieldStart("headers");
                g.writeStringField("mc_sender", sender);
                g.writeArrayFieldStart("seen-by");
                g.writeEndArray();
                g.writeEndObject();
                g.writeEndObject();
            }
            return out.toByteArray();
        }
    }

    /** SHA-256 from a cloned prototype: cheaper than a provider lookup per message, and no per-thread state. */
    static byte[] sha256(byte[] data) {
        try {
            MessageDigest md = (MessageDigest) SHA256_PROTOTYPE.clone();
            return md.digest(data);
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("the JDK's SHA-256 is cloneable", e);
        }
    }
}
