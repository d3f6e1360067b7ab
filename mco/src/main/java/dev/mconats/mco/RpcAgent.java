package dev.mconats.mco;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonRawValue;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.Optional;

/**
 * A SimpleRPC ("mcorpc") agent. Request body {@code {"agent":..,"action":..,"data":{..}}}; reply body
 * {@code {"action":..,"statuscode":N,"statusmsg":..,"data":{..}}} with MCollective status codes
 * (0 OK, 2 unknown action, 4 invalid data). Unknown actions get a status-2 reply rather than silence,
 * which is what a Choria node does, so extra filler agents still produce realistic reply traffic.
 */
public final class RpcAgent implements Agent {
    public static final int OK = 0;
    public static final int UNKNOWN_ACTION = 2;
    public static final int INVALID_DATA = 4;

    private static final ObjectReader TREE_READER = Wire.MAPPER.reader();

    /** An action: given request data, the node identity and now, returns the reply {@code data} as JSON text. */
    @FunctionalInterface
    public interface Action {
        String run(JsonNode data, String identity, long now);
    }

    private final String name;
    private final Map<String, Action> actions;

    public RpcAgent(String name, Map<String, Action> actions) {
        Request.requireNonEmpty(name, "agent name");
        this.name = name;
        this.actions = Map.copyOf(actions);
    }

    /** rpcutil with its {@code ping} action: data {@code {"pong":<unix seconds>}} as Choria's rpcutil. */
    public static RpcAgent rpcutil() {
        return new RpcAgent("rpcutil", Map.of("ping", (data, identity, now) -> "{\"pong\":" + now + "}"));
    }

    /** An agent with no actions: it subscribes and answers every call with "unknown action". */
    public static RpcAgent filler(String name) {
        return new RpcAgent(name, Map.of());
    }

    /** A SimpleRPC request body for clients. {@code dataJson} must be a JSON object text (e.g. "{}"). */
    public static byte[] requestBody(String agent, String action, String dataJson) {
        ObjectNode body = Wire.MAPPER.createObjectNode();
        body.put("agent", agent);
        body.put("action", action);
        try {
            body.set("data", Wire.MAPPER.readTree(dataJson));
            return Wire.WRITER.writeValueAsBytes(body);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("data is not JSON: " + dataJson, e);
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Optional<byte[]> handle(Request request, String identity, long now) {
        JsonNode body;
        try {
            body = TREE_READER.readTree(request.bodyUnsafe());
        } catch (java.io.IOException e) {
            body = null;
        }
        if (body == null || !body.isObject() || !body.path("action").isTextual()) {
            return Optional.of(reply("", INVALID_DATA, "Could not process request: body is not a SimpleRPC request", "{}"));
        }
        String actionName = body.get("action").asText();
        Action action = actions.get(actionName);
        if (action == null) {
            return Optional.of(reply(actionName, UNKNOWN_ACTION, "Unknown action " + actionName + " for agent " + name, "{}"));
        }
        JsonNode data = body.path("data");
        return Optional.of(reply(actionName, OK, "OK", action.run(data, identity, now)));
    }

    private static byte[] reply(String action, int statuscode, String statusmsg, String dataJson) {
        try {
            return Wire.WRITER.writeValueAsBytes(new RpcReply(action, statuscode, statusmsg, dataJson));
        } catch (JacksonException e) {
            throw new IllegalStateException("cannot serialise rpc reply", e);
        }
    }

    @JsonPropertyOrder({"action", "statuscode", "statusmsg", "data"})
    record RpcReply(String action, int statuscode, String statusmsg, @JsonRawValue String data) {
    }
}
