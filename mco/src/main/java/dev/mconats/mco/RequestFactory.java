package dev.mconats.mco;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Builds signed requests for a client. Each request gets a fresh request id and the Go-style reply
 * subject {@code <collective>.reply.<md5(callerid)>.<requestid>}, so replies of concurrent requests
 * never mix. Directed requests are signed once and the same payload is published to each target's
 * {@code <collective>.node.<identity>} with an identity filter naming all targets, as Choria clients
 * do. Signing is the dominant cost (RSA-2048 ~1 ms, EC P-256 well under that). Thread-safe.
 */
public final class RequestFactory {
    private final Signer signer;
    private final String senderId;
    private final Codec codec;
    private final int ttl;

    /** Sender id = the signer's certname, default ttl. */
    public RequestFactory(Signer signer, Codec codec) {
        this(signer, signer.certname(), codec, Protocol.DEFAULT_TTL);
    }

    public RequestFactory(Signer signer, String senderId, Codec codec, int ttl) {
        this.signer = Objects.requireNonNull(signer, "signer");
        this.senderId = Objects.requireNonNull(senderId, "senderId");
        this.codec = Objects.requireNonNull(codec, "codec");
        if (ttl <= 0) {
            throw new IllegalArgumentException("ttl must be positive");
        }
        this.ttl = ttl;
    }

    /** discovery "ping" to every node of the collective. */
    public OutboundRequest discovery(String collective) {
        return broadcast(collective, DiscoveryAgent.NAME, DiscoveryAgent.PING, Filter.EMPTY);
    }

    /** discovery "ping" to the given nodes only. */
    public OutboundRequest discovery(String collective, List<String> identities) {
        return directed(collective, DiscoveryAgent.NAME, DiscoveryAgent.PING, identities);
    }

    /** rpcutil#ping to every node of the collective. */
    public OutboundRequest rpcPing(String collective) {
        return broadcast(collective, "rpcutil", RpcAgent.requestBody("rpcutil", "ping", "{}"), Filter.EMPTY);
    }

    /** rpcutil#ping to the given nodes only. */
    public OutboundRequest rpcPing(String collective, List<String> identities) {
        return directed(collective, "rpcutil", RpcAgent.requestBody("rpcutil", "ping", "{}"), identities);
    }

    /** Any agent, published once on the broadcast subject. */
    public OutboundRequest broadcast(String collective, String agent, byte[] body, Filter filter) {
        Request request = newRequest(collective, agent, body, filter);
        return encode(request, List.of(Subjects.broadcast(collective, agent)));
    }

    /** Any agent, one copy per target on its directed subject (same payload, signed once). */
    public OutboundRequest directed(String collective, String agent, byte[] body, List<String> identities) {
        if (identities.isEmpty()) {
            throw new IllegalArgumentException("a directed request needs at least one identity");
        }
        Request request = newRequest(collective, agent, body, Filter.identities(identities));
        List<String> subjects = new ArrayList<>(identities.size());
        for (String identity : identities) {
            subjects.add(Subjects.directed(collective, identity));
        }
        return encode(request, subjects);
    }

    /** Signs and wraps an arbitrary request (e.g. with a manipulated time for TTL checks); reply subject derived from it. */
    public OutboundRequest encode(Request request, List<String> subjects) {
        String replySubject = Subjects.reply(request.collective(), request.callerId(), request.requestId());
        byte[] payload = codec.encodeRequest(request, signer, replySubject);
        return new OutboundRequest(subjects, replySubject, request, payload);
    }

    /** A fresh, unsigned request as this factory would send it. */
    public Request newRequest(String collective, String agent, byte[] body, Filter filter) {
        return new Request(RequestIds.next(), senderId, signer.callerId(), collective, agent, ttl,
                codec.nowSeconds(), filter, body);
    }

    public Signer signer() {
        return signer;
    }
}
