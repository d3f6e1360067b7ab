package dev.mconats.mco;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * The inner reply ({@code choria:reply:1}) a node sends for one request. Replies carry no caller or
 * ttl: the reply subject already routes them to the one waiting client.
 *
 * @param requestId the id of the request being answered
 * @param senderId  identity of the replying node
 * @param time      unix seconds when the reply was made
 */
public record Reply(String requestId, String senderId, String agent, long time, byte[] body) {

    public Reply {
        if (!RequestIds.isValid(requestId)) {
            throw new IllegalArgumentException("requestid must be " + RequestIds.LENGTH + " characters: " + requestId);
        }
        Request.requireNonEmpty(senderId, "senderid");
        Request.requireNonEmpty(agent, "agent");
        body = Objects.requireNonNull(body, "body").clone();
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    byte[] bodyUnsafe() {
        return body;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Reply r && time == r.time && requestId.equals(r.requestId) && senderId.equals(r.senderId)
                && agent.equals(r.agent) && Arrays.equals(body, r.body);
    }

    @Override
    public int hashCode() {
        return Objects.hash(requestId, senderId, agent, time) * 31 + Arrays.hashCode(body);
    }

    @Override
    public String toString() {
        return "Reply[requestid=" + requestId + ", senderid=" + senderId + ", agent=" + agent + ", time=" + time
                + ", body=" + body.length + " bytes]";
    }
}
