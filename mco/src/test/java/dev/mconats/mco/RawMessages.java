package dev.mconats.mco;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Builds and takes apart v1 messages by hand with plain Jackson trees and JDK base64, independent of
 * the production {@code Wire}/{@link Codec} code, so tests check the format rather than a round trip
 * through the same code.
 */
final class RawMessages {
    static final ObjectMapper JSON = new ObjectMapper();

    private RawMessages() {
    }

    static JsonNode tree(byte[] json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static JsonNode tree(String json) {
        return tree(json.getBytes(StandardCharsets.UTF_8));
    }

    static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** The secure request/reply object inside a transport payload. */
    static JsonNode secure(byte[] payload) {
        return tree(Base64.getDecoder().decode(tree(payload).get("data").asText()));
    }

    /** A request JSON text like Go would produce it. */
    static String requestJson(String protocol, String requestId, String callerId, String collective, String agent,
                              Integer ttl, long time, String body) {
        ObjectNode req = JSON.createObjectNode();
        req.put("protocol", protocol);
        req.put("message", Base64.getEncoder().encodeToString(body.getBytes(StandardCharsets.UTF_8)));
        ObjectNode env = req.putObject("envelope");
        env.put("requestid", requestId);
        env.put("senderid", "client.example.net");
        env.put("callerid", callerId);
        env.put("collective", collective);
        env.put("agent", agent);
        if (ttl != null) {
            env.put("ttl", ttl);
        }
        env.put("time", time);
        ObjectNode filter = env.putObject("filter");
        for (String key : List.of("fact", "cf_class", "agent", "identity", "compound")) {
            filter.putArray(key);
        }
        return req.toString();
    }

    static String sign(Signer signer, String message) {
        return Base64.getEncoder().encodeToString(signer.sign(message.getBytes(StandardCharsets.UTF_8)));
    }

    static byte[] secureRequestPayload(String transportProtocol, String secureProtocol, String message,
                                       String signature, String pubcert, String replyTo) {
        ObjectNode secure = JSON.createObjectNode();
        secure.put("protocol", secureProtocol);
        secure.put("message", message);
        secure.put("signature", signature);
        secure.put("pubcert", pubcert);
        return transport(transportProtocol, secure.toString().getBytes(StandardCharsets.UTF_8),
                Base64.getEncoder(), replyTo, "client.example.net");
    }

    static byte[] transport(String protocol, byte[] data, Base64.Encoder encoder, String replyTo, String sender) {
        ObjectNode t = JSON.createObjectNode();
        t.put("protocol", protocol);
        t.put("data", encoder.encodeToString(data));
        ObjectNode headers = t.putObject("headers");
        if (replyTo != null) {
            headers.put("reply-to", replyTo);
        }
        headers.put("mc_sender", sender);
        headers.putArray("seen-by");
        return t.toString().getBytes(StandardCharsets.UTF_8);
    }
}
