package dev.mconats.mco;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Base64;

/**
 * Reads the protocol v1 levels with Jackson's streaming parser into the {@link Wire} records. This is the per-message
 * path of every simulated node (and of the client for each reply), so it avoids what data binding costs there:
 * reflection-built records, Jackson's byte-at-a-time base64 and a parser context per nested value. Base64 fields are
 * decoded with {@link java.util.Base64} (vectorised by the JIT) after dropping the line breaks Ruby's encoder inserts.
 * Only the rarely non-empty parts (headers, filter) go through data binding, on the same parser.
 *
 * <p>Semantics match the data-bound readers it replaces: unknown fields are skipped, a later duplicate field wins,
 * JSON null is an absent value, anything after the root object is an error, wrong value types are errors. Errors are
 * {@link IOException}s for {@link Codec} to turn into {@link RejectReason#MALFORMED}. Stateless and thread-safe.
 */
final class WireParser {
    private static final Base64.Decoder BASE64 = Base64.getDecoder();

    private WireParser() {
    }

    static Wire.Transport transport(byte[] json) throws IOException {
        try (JsonParser p = open(Wire.MAPPER.createParser(json))) {
            String protocol = null;
            byte[] data = null;
            Wire.Headers headers = null;
            while (nextField(p)) {
                switch (p.currentName()) {
                    case "protocol" -> protocol = string(p);
                    case "data" -> data = base64Raw(p, json);
                    case "headers" -> headers = p.nextToken() == JsonToken.VALUE_NULL ? null : Wire.HEADERS_READER.readValue(p);
                    default -> skip(p);
                }
            }
            end(p);
            return new Wire.Transport(protocol, data, headers);
        }
    }

    static Wire.SecureRequest secureRequest(byte[] json) throws IOException {
        try (JsonParser p = open(Wire.MAPPER.createParser(json))) {
            String protocol = null;
            String message = null;
            String signature = null;
            String pubcert = null;
            while (nextField(p)) {
                switch (p.currentName()) {
                    case "protocol" -> protocol = string(p);
                    case "message" -> message = string(p);
                    case "signature" -> signature = string(p);
                    case "pubcert" -> pubcert = string(p);
                    default -> skip(p);
                }
            }
            end(p);
            return new Wire.SecureRequest(protocol, message, signature, pubcert);
        }
    }

    static Wire.RequestMessage requestMessage(String json) throws IOException {
        try (JsonParser p = open(Wire.MAPPER.createParser(json))) {
            String protocol = null;
            byte[] message = null;
            Wire.RequestEnvelope envelope = null;
            while (nextField(p)) {
                switch (p.currentName()) {
                    case "protocol" -> protocol = string(p);
                    case "message" -> message = base64(p);
                    case "envelope" -> envelope = requestEnvelope(p);
                    default -> skip(p);
                }
            }
            end(p);
            return new Wire.RequestMessage(protocol, message, envelope);
        }
    }

    static Wire.SecureReply secureReply(byte[] json) throws IOException {
        try (JsonParser p = open(Wire.MAPPER.createParser(json))) {
            String protocol = null;
            String message = null;
            String hash = null;
            while (nextField(p)) {
                switch (p.currentName()) {
                    case "protocol" -> protocol = string(p);
                    case "message" -> message = string(p);
                    case "hash" -> hash = string(p);
                    default -> skip(p);
                }
            }
            end(p);
            return new Wire.SecureReply(protocol, message, hash);
        }
    }

    static Wire.ReplyMessage replyMessage(String json) throws IOException {
        try (JsonParser p = open(Wire.MAPPER.createParser(json))) {
            String protocol = null;
            byte[] message = null;
            Wire.ReplyEnvelope envelope = null;
            while (nextField(p)) {
                switch (p.currentName()) {
                    case "protocol" -> protocol = string(p);
                    case "message" -> message = base64(p);
                    case "envelope" -> envelope = replyEnvelope(p);
                    default -> skip(p);
                }
            }
            end(p);
            return new Wire.ReplyMessage(protocol, message, envelope);
        }
    }

    // ---------------------------------------------------------------- nested objects

    private static Wire.RequestEnvelope requestEnvelope(JsonParser p) throws IOException {
        if (!startObjectOrNull(p)) {
            return null;
        }
        String requestId = null;
        String senderId = null;
        String callerId = null;
        String collective = null;
        String agent = null;
        Integer ttl = null;
        Long time = null;
        Wire.WireFilter filter = null;
        while (nextField(p)) {
            switch (p.currentName()) {
                case "requestid" -> requestId = string(p);
                case "senderid" -> senderId = string(p);
                case "callerid" -> callerId = string(p);
                case "collective" -> collective = string(p);
                case "agent" -> agent = string(p);
                case "ttl" -> {
                    Long v = integer(p);
                    if (v != null && (v > Integer.MAX_VALUE || v < Integer.MIN_VALUE)) {
                        throw new IOException("ttl out of range: " + v);
                    }
                    ttl = v == null ? null : v.intValue();
                }
                case "time" -> time = integer(p);
                case "filter" -> filter = p.nextToken() == JsonToken.VALUE_NULL ? null : Wire.FILTER_READER.readValue(p);
                default -> skip(p);
            }
        }
        return new Wire.RequestEnvelope(requestId, senderId, callerId, collective, agent, ttl, time, filter);
    }

    private static Wire.ReplyEnvelope replyEnvelope(JsonParser p) throws IOException {
        if (!startObjectOrNull(p)) {
            return null;
        }
        String requestId = null;
        String senderId = null;
        String agent = null;
        Long time = null;
        while (nextField(p)) {
            switch (p.currentName()) {
                case "requestid" -> requestId = string(p);
                case "senderid" -> senderId = string(p);
                case "agent" -> agent = string(p);
                case "time" -> time = integer(p);
                default -> skip(p);
            }
        }
        return new Wire.ReplyEnvelope(requestId, senderId, agent, time);
    }

    // ---------------------------------------------------------------- tokens

    /** Positions on the root object's start; JSON null or an empty document reads as "no value" (the caller rejects it). */
    private static JsonParser open(JsonParser p) throws IOException {
        JsonToken t = p.nextToken();
        if (t == null) {
            throw new IOException("no content");
        }
        if (t == JsonToken.VALUE_NULL) {
            throw new IOException("JSON null");
        }
        if (t != JsonToken.START_OBJECT) {
            throw new IOException("expected an object, got " + t);
        }
        return p;
    }

    private static boolean startObjectOrNull(JsonParser p) throws IOException {
        JsonToken t = p.nextToken();
        if (t == JsonToken.VALUE_NULL) {
            return false;
        }
        if (t != JsonToken.START_OBJECT) {
            throw new IOException("expected an object at " + p.currentName() + ", got " + t);
        }
        return true;
    }

    /** Advances to the next field name of the current object; false at its end. */
    private static boolean nextField(JsonParser p) throws IOException {
        JsonToken t = p.nextToken();
        if (t == JsonToken.FIELD_NAME) {
            return true;
        }
        if (t == JsonToken.END_OBJECT) {
            return false;
        }
        throw new IOException("unexpected " + t + " in an object");
    }

    /** After the root object: nothing but whitespace may follow. */
    private static void end(JsonParser p) throws IOException {
        JsonToken t = p.nextToken();
        if (t != null) {
            throw new IOException("trailing token " + t + " after the message");
        }
    }

    private static void skip(JsonParser p) throws IOException {
        p.nextToken();
        p.skipChildren();
    }

    private static String string(JsonParser p) throws IOException {
        JsonToken t = p.nextToken();
        if (t == JsonToken.VALUE_STRING) {
            return p.getText();
        }
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        throw new IOException(p.currentName() + " must be a string, got " + t);
    }

    private static Long integer(JsonParser p) throws IOException {
        JsonToken t = p.nextToken();
        if (t == JsonToken.VALUE_NUMBER_INT) {
            return p.getLongValue();
        }
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        throw new IOException(p.currentName() + " must be a whole number, got " + t);
    }

    /**
     * The transport's {@code data}: a few KB of base64, the largest value of every message. Decoded straight from the
     * UTF-8 input bytes (the parser has not yet materialised the string: it skips it on the next token), which saves
     * turning it into chars first. A value with JSON escapes (Ruby's "\n" line breaks) takes the general path.
     */
    private static byte[] base64Raw(JsonParser p, byte[] json) throws IOException {
        JsonToken t = p.nextToken();
        if (t != JsonToken.VALUE_STRING) {
            return base64Value(p, t);
        }
        long at = p.currentTokenLocation().getByteOffset();
        if (at < 0 || at >= json.length || json[(int) at] != '"') {
            return base64Value(p, t);
        }
        int start = (int) at + 1;
        int end = start;
        while (end < json.length && json[end] != '"') {
            if (json[end] == '\\') {
                return base64Value(p, t);
            }
            end++;
        }
        if (end >= json.length) {
            return base64Value(p, t); // unterminated: let the parser report it
        }
        try {
            ByteBuffer decoded = BASE64.decode(ByteBuffer.wrap(json, start, end - start));
            byte[] array = decoded.array();
            return decoded.remaining() == array.length ? array : Arrays.copyOf(array, decoded.remaining());
        } catch (IllegalArgumentException e) {
            throw new IOException(p.currentName() + " is not base64: " + e.getMessage());
        }
    }

    private static byte[] base64(JsonParser p) throws IOException {
        return base64Value(p, p.nextToken());
    }

    /** A base64 string value, decoded; line breaks (Ruby's encoder) and other JSON whitespace are skipped. */
    private static byte[] base64Value(JsonParser p, JsonToken t) throws IOException {
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        if (t != JsonToken.VALUE_STRING) {
            throw new IOException(p.currentName() + " must be a base64 string, got " + t);
        }
        char[] chars = p.getTextCharacters();
        int from = p.getTextOffset();
        int len = p.getTextLength();
        byte[] ascii = new byte[len];
        int n = 0;
        for (int i = from; i < from + len; i++) {
            char c = chars[i];
            if (c == '\n' || c == '\r' || c == ' ' || c == '\t') {
                continue;
            }
            if (c > 0x7f) {
                throw new IOException(p.currentName() + " is not base64");
            }
            ascii[n++] = (byte) c;
        }
        try {
            return BASE64.decode(n == len ? ascii : Arrays.copyOf(ascii, n));
        } catch (IllegalArgumentException e) {
            throw new IOException(p.currentName() + " is not base64: " + e.getMessage());
        }
    }
}
