package dev.mconats.mco;

import static dev.mconats.mco.Fixtures.CLOCK;
import static dev.mconats.mco.Fixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class ReplyCodecTest {
    private static final String REQ_ID = "00112233445566778899aabbccddeeff";
    private final Codec codec = new Codec(CLOCK);
    private final Reply reply = new Reply(REQ_ID, "web1.example.net", "discovery", NOW.getEpochSecond(),
            "pong".getBytes(StandardCharsets.UTF_8));

    @Test
    void roundTrip() throws Exception {
        Reply decoded = codec.decodeReply(codec.encodeReply(reply));
        assertThat(decoded).isEqualTo(reply);
        assertThat(decoded.bodyText()).isEqualTo("pong");
    }

    @Test
    void streamingWriterIsByteIdenticalToDataBinding() throws Exception {
        // The hand-driven generator must not drift from the Wire records (field order, base64 flavour, escaping).
        Reply odd = new Reply(REQ_ID, "n\u00e4me \"quoted\" \\ /x", "rpcutil", NOW.getEpochSecond(),
                "{\"pong\":1}\n\u00ff".getBytes(StandardCharsets.UTF_8));
        for (Reply r : new Reply[] {reply, odd}) {
            String message = Wire.WRITER.writeValueAsString(new Wire.ReplyMessage(Protocol.REPLY, r.bodyUnsafe(),
                    new Wire.ReplyEnvelope(r.requestId(), r.senderId(), r.agent(), r.time())));
            String hash = Base64.getEncoder().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(message.getBytes(StandardCharsets.UTF_8)));
            byte[] secure = Wire.WRITER.writeValueAsBytes(new Wire.SecureReply(Protocol.SECURE_REPLY, message, hash));
            byte[] expected = Wire.WRITER.writeValueAsBytes(new Wire.Transport(Protocol.TRANSPORT, secure,
                    Wire.Headers.of(TransportHeaders.forReply(r.senderId()))));
            assertThat(new String(codec.encodeReply(r), StandardCharsets.UTF_8))
                    .isEqualTo(new String(expected, StandardCharsets.UTF_8));
            assertThat(codec.decodeReply(codec.encodeReply(r))).isEqualTo(r);
        }
    }

    @Test
    void wireFormatIsHashedSecureReply() throws Exception {
        byte[] payload = codec.encodeReply(reply);

        JsonNode transport = RawMessages.tree(payload);
        assertThat(transport.get("protocol").asText()).isEqualTo("choria:transport:1");
        assertThat(RawMessages.fieldNames(transport.get("headers"))).containsExactly("mc_sender", "seen-by");
        assertThat(transport.get("headers").get("mc_sender").asText()).isEqualTo("web1.example.net");

        JsonNode secure = RawMessages.secure(payload);
        assertThat(RawMessages.fieldNames(secure)).containsExactly("protocol", "message", "hash");
        assertThat(secure.get("protocol").asText()).isEqualTo("choria:secure:reply:1");
        String message = secure.get("message").asText();
        byte[] sha = MessageDigest.getInstance("SHA-256").digest(message.getBytes(StandardCharsets.UTF_8));
        assertThat(secure.get("hash").asText()).isEqualTo(Base64.getEncoder().encodeToString(sha));

        JsonNode inner = RawMessages.tree(message);
        assertThat(RawMessages.fieldNames(inner)).containsExactly("protocol", "message", "envelope");
        assertThat(inner.get("protocol").asText()).isEqualTo("choria:reply:1");
        assertThat(inner.get("message").asText()).isEqualTo("cG9uZw=="); // base64("pong")
        assertThat(RawMessages.fieldNames(inner.get("envelope"))).containsExactly("requestid", "senderid", "agent", "time");
        assertThat(inner.get("envelope").get("time").asLong()).isEqualTo(NOW.getEpochSecond());
    }

    @Test
    void discoveryReplyIsAboutHalfAKilobyte() {
        int size = codec.encodeReply(reply).length;
        System.out.printf("discovery reply payload: %d bytes%n", size);
        assertThat(size).isBetween(350, 700);
    }

    @Test
    void tamperedReplyFailsHash() throws Exception {
        JsonNode secure = RawMessages.secure(codec.encodeReply(reply));
        String forged = secure.get("message").asText().replace("web1.example.net", "evil.example.net");
        ObjectNode tampered = ((ObjectNode) secure.deepCopy()).put("message", forged);
        byte[] payload = RawMessages.transport("choria:transport:1", tampered.toString().getBytes(StandardCharsets.UTF_8),
                Base64.getEncoder(), null, "evil.example.net");

        MessageRejected e = catchThrowableOfType(MessageRejected.class, () -> codec.decodeReply(payload));
        assertThat(e.reason()).isEqualTo(RejectReason.BAD_SIGNATURE);
    }

    @Test
    void wrongProtocolAndMalformedReplies() throws Exception {
        JsonNode secure = RawMessages.secure(codec.encodeReply(reply));
        ObjectNode renamed = ((ObjectNode) secure.deepCopy()).put("protocol", "choria:secure:request:1");
        byte[] wrong = RawMessages.transport("choria:transport:1", renamed.toString().getBytes(StandardCharsets.UTF_8),
                Base64.getEncoder(), null, "web1");
        byte[] garbage = "{\"protocol\":\"choria:transport:1\",\"data\":\"e30=\"}".getBytes(StandardCharsets.UTF_8); // data = "{}"

        assertThat(catchThrowableOfType(MessageRejected.class, () -> codec.decodeReply(wrong)).reason())
                .isEqualTo(RejectReason.WRONG_PROTOCOL);
        assertThat(catchThrowableOfType(MessageRejected.class, () -> codec.decodeReply(garbage)).reason())
                .isEqualTo(RejectReason.MALFORMED);
        assertThat(catchThrowableOfType(MessageRejected.class, () -> codec.decodeReply("[1,2]".getBytes(StandardCharsets.UTF_8)))
                .reason()).isEqualTo(RejectReason.MALFORMED);
    }
}
