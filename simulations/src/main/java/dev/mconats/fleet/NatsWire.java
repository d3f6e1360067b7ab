package dev.mconats.fleet;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The NATS client protocol as a simulated node speaks it (https://docs.nats.io/reference/reference-protocols/nats-protocol):
 * the client's CONNECT, SUB, PUB, PING and PONG lines, and the server's INFO. Verbose and pedantic are off (no +OK
 * per line), headers are not announced (a node's requests carry none), echo is on as in nats.go.
 */
final class NatsWire {
    static final ByteBuf PING = constant("PING\r\n");
    static final ByteBuf PONG = constant("PONG\r\n");
    /** nats-server's default, until the server's INFO says otherwise. */
    static final long DEFAULT_MAX_PAYLOAD = 1024 * 1024;
    private static final JsonFactory JSON = new JsonFactory();
    private static final byte[] CRLF = {'\r', '\n'};

    private NatsWire() {
    }

    private static ByteBuf constant(String line) {
        return Unpooled.unreleasableBuffer(Unpooled.directBuffer(line.length()).writeBytes(line.getBytes(StandardCharsets.US_ASCII)))
                .asReadOnly();
    }

    /** What a node needs from a server's INFO. */
    record ServerInfo(boolean tls, long maxPayload, List<String> connectUrls) {
    }

    /** Parses the JSON of an INFO line (the text after {@code INFO }). */
    static ServerInfo parseInfo(byte[] json, int offset, int length) throws IOException {
        boolean tls = false;
        long maxPayload = DEFAULT_MAX_PAYLOAD;
        List<String> urls = List.of();
        try (JsonParser p = JSON.createParser(json, offset, length)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("INFO is not a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken v = p.nextToken();
                switch (field) {
                    case "tls_required", "tls_available" -> tls |= v == JsonToken.VALUE_TRUE;
                    case "max_payload" -> maxPayload = v.isNumeric() ? p.getLongValue() : maxPayload;
                    case "connect_urls" -> {
                        if (v == JsonToken.START_ARRAY) {
                            List<String> u = new ArrayList<>();
                            while (p.nextToken() == JsonToken.VALUE_STRING) {
                                u.add(p.getText());
                            }
                            urls = u;
                        } else {
                            p.skipChildren();
                        }
                    }
                    default -> p.skipChildren();
                }
            }
        }
        return new ServerInfo(tls, maxPayload, urls);
    }

    /**
     * CONNECT, one SUB per subject (sid = index + 1) and a PING, in one buffer: the server confirms the whole set with
     * one PONG, so a node is connected and subscribed after one round trip over TLS.
     */
    static ByteBuf connectAndSubscribe(ByteBufAllocator alloc, String name, String[] subjects) {
        ByteBuf b = alloc.ioBuffer(256 + 64 * subjects.length);
        ByteBufUtil.writeAscii(b, "CONNECT {\"verbose\":false,\"pedantic\":false,\"tls_required\":true,\"name\":\"");
        b.writeCharSequence(jsonEscape(name), StandardCharsets.UTF_8);
        ByteBufUtil.writeAscii(b, "\",\"lang\":\"java\",\"version\":\"mco-nats-node\",\"protocol\":1,\"echo\":true,"
                + "\"headers\":false,\"no_responders\":false}\r\n");
        for (int i = 0; i < subjects.length; i++) {
            ByteBufUtil.writeAscii(b, "SUB ");
            b.writeCharSequence(subjects[i], StandardCharsets.UTF_8);
            b.writeByte(' ');
            ByteBufUtil.writeAscii(b, Integer.toString(i + 1));
            b.writeBytes(CRLF);
        }
        ByteBufUtil.writeAscii(b, "PING\r\n");
        return b;
    }

    /** {@code PUB <subject> <size>\r\n<payload>\r\n}, optionally followed by a PING. */
    static ByteBuf pub(ByteBufAllocator alloc, String subject, byte[] payload, boolean ping) {
        String size = Integer.toString(payload.length);
        ByteBuf b = alloc.ioBuffer(4 + ByteBufUtil.utf8MaxBytes(subject) + 1 + size.length() + 2 + payload.length + 2 + (ping ? 6 : 0));
        ByteBufUtil.writeAscii(b, "PUB ");
        b.writeCharSequence(subject, StandardCharsets.UTF_8);
        b.writeByte(' ');
        ByteBufUtil.writeAscii(b, size);
        b.writeBytes(CRLF);
        b.writeBytes(payload);
        b.writeBytes(CRLF);
        if (ping) {
            ByteBufUtil.writeAscii(b, "PING\r\n");
        }
        return b;
    }

    private static String jsonEscape(String s) {
        if (s.indexOf('"') < 0 && s.indexOf('\\') < 0) {
            return s;
        }
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
