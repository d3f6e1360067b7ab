package dev.mconats.mco;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * The inner MCollective request ({@code choria:request:1}): who asks which agent what, for how long
 * the request is valid, and which nodes should act. {@code body} is the agent payload (base64 on the
 * wire); it is copied in and out so the record stays immutable.
 *
 * @param requestId  32 characters, unique per request; also the last token of the reply subject
 * @param senderId   identity of the sending machine
 * @param callerId   {@code choria=<certname>} of the signing certificate
 * @param ttl        seconds the request stays valid around {@code time}
 * @param time       creation time, unix seconds
 */
public record Request(String requestId,
                      String senderId,
                      String callerId,
                      String collective,
                      String agent,
                      int ttl,
                      long time,
                      Filter filter,
                      byte[] body) {

    public Request {
        if (!RequestIds.isValid(requestId)) {
            throw new IllegalArgumentException("requestid must be " + RequestIds.LENGTH + " characters: " + requestId);
        }
        Objects.requireNonNull(senderId, "senderid");
        requireNonEmpty(callerId, "callerid");
        requireNonEmpty(collective, "collective");
        requireNonEmpty(agent, "agent");
        if (ttl <= 0) {
            throw new IllegalArgumentException("ttl must be positive: " + ttl);
        }
        filter = filter == null ? Filter.EMPTY : filter;
        body = Objects.requireNonNull(body, "body").clone();
    }

    /** A request with the default ttl and an empty filter. */
    public static Request of(String requestId, String senderId, String callerId, String collective,
                             String agent, long time, byte[] body) {
        return new Request(requestId, senderId, callerId, collective, agent, Protocol.DEFAULT_TTL, time, Filter.EMPTY, body);
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    /** Body as UTF-8 text without copying twice (bodies are JSON or plain words like "ping"). */
    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    // Package-private, no copy: used by the codec on the hot path and never handed out.
    byte[] bodyUnsafe() {
        return body;
    }

    public Request withTime(long newTime) {
        return new Request(requestId, senderId, callerId, collective, agent, ttl, newTime, filter, body);
    }

    public Request withTtl(int newTtl) {
        return new Request(requestId, senderId, callerId, collective, agent, newTtl, time, filter, body);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Request r
                && ttl == r.ttl && time == r.time
                && requestId.equals(r.requestId) && senderId.equals(r.senderId) && callerId.equals(r.callerId)
                && collective.equals(r.collective) && agent.equals(r.agent) && filter.equals(r.filter)
                && Arrays.equals(body, r.body);
    }

    @Override
    public int hashCode() {
        return Objects.hash(requestId, senderId, callerId, collective, agent, ttl, time, filter) * 31 + Arrays.hashCode(body);
    }

    @Override
    public String toString() {
        return "Request[requestid=" + requestId + ", senderid=" + senderId + ", callerid=" + callerId
                + ", collective=" + collective + ", agent=" + agent + ", ttl=" + ttl + ", time=" + time
                + ", filter=" + filter + ", body=" + body.length + " bytes]";
    }

    static void requireNonEmpty(String value, String what) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException(what + " must not be empty");
        }
    }
}
