package dev.mconats.mco;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * One simulated node: given a payload and the subject it arrived on, decides whether and what to
 * answer, like a Choria server: decode and verify (signature, CA, caller, TTL), check the request was
 * meant for this node (subject matches the envelope's collective/agent or this identity, collective
 * is one of ours, filter matches), dispatch to the agent and encode the reply for the request's
 * {@code reply-to}. Replies are hashed, not signed, so a node needs no key.
 *
 * <p>Holds only references to shared immutable parts (agents, codec), so 20,000 instances cost a few
 * MB. Thread-safe. Filters: identity and agent filters (exact or {@code /regex/}), fact and class filters against
 * the node's {@link NodeInventory}; compound filters (Choria's expression language) are not evaluated and select
 * nothing.
 */
public final class NodeResponder {
    private final String identity;
    private final List<String> collectives;
    private final Agents agents;
    private final Codec codec;
    private final Consumer<MessageRejected> onRejected;
    private final NodeInventory inventory;

    public NodeResponder(String identity, List<String> collectives, Agents agents, Codec codec) {
        this(identity, collectives, agents, codec, rejected -> { }, NodeInventory.NONE);
    }

    /** @param onRejected told about every refused request by {@link #handle} (e.g. to count by reason) */
    public NodeResponder(String identity, List<String> collectives, Agents agents, Codec codec,
                         Consumer<MessageRejected> onRejected) {
        this(identity, collectives, agents, codec, onRejected, NodeInventory.NONE);
    }

    /**
     * @param onRejected told about every refused request by {@link #handle} (e.g. to count by reason)
     * @param inventory  the node's facts and classes, for fact and class filters
     */
    public NodeResponder(String identity, List<String> collectives, Agents agents, Codec codec,
                         Consumer<MessageRejected> onRejected, NodeInventory inventory) {
        Request.requireNonEmpty(identity, "identity");
        if (collectives.isEmpty()) {
            throw new IllegalArgumentException("a node needs at least one collective");
        }
        this.identity = identity;
        this.collectives = List.copyOf(collectives);
        this.agents = Objects.requireNonNull(agents, "agents");
        this.codec = Objects.requireNonNull(codec, "codec");
        this.onRejected = Objects.requireNonNull(onRejected, "onRejected");
        this.inventory = Objects.requireNonNull(inventory, "inventory");
    }

    public String identity() {
        return identity;
    }

    public List<String> collectives() {
        return collectives;
    }

    /** The subjects to subscribe, exactly as a real node: see {@link Subjects#nodeSubscriptions}. */
    public List<String> subscriptions() {
        return Subjects.nodeSubscriptions(collectives, agents.names(), identity);
    }

    /**
     * Answers a request; empty when the request is refused (reported to the rejection listener), not
     * for this node, for an unknown agent, has no reply-to, or the agent chose not to reply.
     */
    public Optional<OutboundReply> handle(byte[] payload, String subject) {
        try {
            return handleStrict(payload, subject);
        } catch (MessageRejected rejected) {
            onRejected.accept(rejected);
            return Optional.empty();
        }
    }

    /** Like {@link #handle} but throws when the request is refused; for conformance checks. */
    public Optional<OutboundReply> handleStrict(byte[] payload, String subject) throws MessageRejected {
        DecodedRequest decoded = codec.decodeRequest(payload);
        Request request = decoded.request();
        String replyTo = decoded.headers().replyTo();
        if (replyTo == null || replyTo.isEmpty() || !addressedToMe(request, subject) || !filterMatches(request.filter())) {
            return Optional.empty();
        }
        Agent agent = agents.find(request.agent());
        if (agent == null) {
            return Optional.empty();
        }
        long now = codec.nowSeconds();
        Optional<byte[]> body = agent.handle(request, identity, now);
        if (body.isEmpty()) {
            return Optional.empty();
        }
        Reply reply = new Reply(request.requestId(), identity, request.agent(), now, body.get());
        return Optional.of(new OutboundReply(replyTo, reply, codec.encodeReply(reply)));
    }

    // The subject must be the one this request would be published on for us: the broadcast subject of
    // its own collective/agent, or our directed subject in its collective; and we must be in that collective.
    private boolean addressedToMe(Request request, String subject) {
        String collective = request.collective();
        if (!collectives.contains(collective) || subject == null || !subject.startsWith(collective)
                || subject.length() <= collective.length() || subject.charAt(collective.length()) != '.') {
            return false;
        }
        int at = collective.length() + 1;
        return tokenIs(subject, at, "node.", identity) || tokenIs(subject, at, "broadcast.agent.", request.agent());
    }

    // subject[at..] == prefix + name, without building the expected string per message.
    private static boolean tokenIs(String subject, int at, String prefix, String name) {
        return subject.length() == at + prefix.length() + name.length()
                && subject.startsWith(prefix, at)
                && subject.startsWith(name, at + prefix.length());
    }

    private boolean filterMatches(Filter filter) {
        if (filter == Filter.EMPTY || filter.isEmpty()) {
            return true;
        }
        if (!filter.compound().isEmpty() || !inventory.matchesAll(filter)) {
            return false;
        }
        if (!filter.identity().isEmpty() && filter.identity().stream().noneMatch(f -> matches(f, identity))) {
            return false;
        }
        // Agent filters are ANDed: every named agent must be present on this node.
        for (String wanted : filter.agent()) {
            if (agents.names().stream().noneMatch(a -> matches(wanted, a))) {
                return false;
            }
        }
        return true;
    }

    private static boolean matches(String filter, String value) {
        if (filter.length() > 1 && filter.startsWith("/") && filter.endsWith("/")) {
            return Pattern.compile(filter.substring(1, filter.length() - 1)).matcher(value).find();
        }
        return filter.equals(value);
    }
}
