package dev.mconats.mco;

import java.util.Optional;

/**
 * A server-side agent: turns a verified request body into a reply body. Implementations must be
 * thread-safe and cheap: one instance is shared by every simulated node.
 */
public interface Agent {
    /** The agent name; also the last token of its broadcast subject. */
    String name();

    /**
     * @param request  the verified request
     * @param identity identity of the node answering
     * @param now      unix seconds of the codec clock
     * @return the reply body, or empty when this agent sends no reply to such a request
     */
    Optional<byte[]> handle(Request request, String identity, long now);
}
