package dev.mconats.mco;

import java.util.List;

/**
 * A signed request ready to publish: the same payload goes to every subject (one broadcast subject,
 * or one directed subject per target node, as Choria clients do), and replies arrive on
 * {@code replySubject}. The payload array is freshly built and owned by the caller; it is not copied
 * so publishing a 3 KB request costs no extra allocation.
 */
public record OutboundRequest(List<String> subjects, String replySubject, Request request, byte[] payload) {
    public OutboundRequest {
        subjects = List.copyOf(subjects);
    }
}
