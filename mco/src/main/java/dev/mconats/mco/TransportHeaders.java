package dev.mconats.mco;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Transport-level headers: where to reply, who sent it, and which brokers/federation hops saw it.
 * Kept outside the signed part on purpose (federation brokers rewrite them), so nothing here is trusted.
 *
 * @param replyTo    subject for replies; null for replies themselves
 * @param mcSender   identity of the publishing machine
 * @param seenBy     hop triples [in, processor, out]; always written, possibly empty
 * @param federation federation data (keys req, reply-to, target) or null when not federated
 */
public record TransportHeaders(String replyTo, String mcSender, List<List<String>> seenBy, Map<String, Object> federation) {

    public TransportHeaders {
        seenBy = seenBy == null || seenBy.isEmpty() ? List.of() : seenBy.stream().map(List::copyOf).toList();
        // Map.copyOf rejects nulls; federation values come from foreign JSON so keep them as given but unmodifiable.
        federation = federation == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(federation));
    }

    public static TransportHeaders forRequest(String replyTo, String sender) {
        return new TransportHeaders(replyTo, sender, List.of(), null);
    }

    public static TransportHeaders forReply(String sender) {
        return new TransportHeaders(null, sender, List.of(), null);
    }

    public boolean federated() {
        return federation != null;
    }
}
