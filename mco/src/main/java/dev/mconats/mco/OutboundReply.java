package dev.mconats.mco;

/**
 * A node's encoded reply and the subject to publish it on (the request's {@code reply-to}). The
 * payload array is freshly built per reply and handed over without a defensive copy.
 */
public record OutboundReply(String subject, Reply reply, byte[] payload) {
}
