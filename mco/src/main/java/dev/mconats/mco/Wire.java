package dev.mconats.mco;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.List;
import java.util.Map;

/**
 * The protocol v1 JSON shapes, one record per nesting level, with the exact Choria field names and
 * order. Kept package-private: the public model ({@link Request}, {@link Reply}, {@link TransportHeaders})
 * must not change when the wire does. {@code byte[]} components are base64 on the wire; Jackson
 * encodes/decodes them straight from its buffers, which saves an intermediate String per level.
 * Decoding of whole messages streams through {@link WireParser} and reply encoding through {@link ReplyWriter};
 * data binding remains for requests (one per broadcast), headers and filters. Readers and writers are immutable
 * and shared by all threads.
 */
final class Wire {
    static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    // Error messages should not echo a multi-KB payload back into logs.
                    .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
                    // Jackson's default buffer pool is thread-local, which virtual threads (one per
                    // delivery in some simulations) defeat; a shared deque recycles across threads.
                    .recyclerPool(JsonRecyclerPools.newConcurrentDequePool())
                    .build())
            // Real traffic may carry fields newer than v1 (or Ruby extras); ignoring them is what Go does.
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            // "{...} junk" is not a message; ttl/time are boxed so a missing one is seen (MALFORMED), not 0.
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    // Nested values bound from the streaming parser (WireParser): the root-level trailing-token check would
    // otherwise look past the nested object into its parent.
    static final ObjectReader HEADERS_READER = MAPPER.readerFor(Headers.class)
            .without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    static final ObjectReader FILTER_READER = MAPPER.readerFor(WireFilter.class)
            .without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    static final ObjectWriter WRITER = MAPPER.writer();

    private Wire() {
    }

    @JsonPropertyOrder({"protocol", "data", "headers"})
    record Transport(String protocol, byte[] data, Headers headers) {
    }

    /** Federation is omitted rather than null when absent, as Go's omitempty does. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"reply-to", "mc_sender", "seen-by", "federation"})
    record Headers(@JsonProperty("reply-to") String replyTo,
                   @JsonProperty("mc_sender") String mcSender,
                   @JsonProperty("seen-by") List<List<String>> seenBy,
                   @JsonProperty("federation") Map<String, Object> federation) {

        static Headers of(TransportHeaders h) {
            return new Headers(h.replyTo(), h.mcSender(), h.seenBy(), h.federation());
        }

        TransportHeaders toModel() {
            return new TransportHeaders(replyTo, mcSender, seenBy, federation);
        }
    }

    @JsonPropertyOrder({"protocol", "message", "signature", "pubcert"})
    record SecureRequest(String protocol, String message, String signature, String pubcert) {
    }

    @JsonPropertyOrder({"protocol", "message", "envelope"})
    record RequestMessage(String protocol, byte[] message, RequestEnvelope envelope) {
    }

    @JsonPropertyOrder({"requestid", "senderid", "callerid", "collective", "agent", "ttl", "time", "filter"})
    record RequestEnvelope(@JsonProperty("requestid") String requestId,
                           @JsonProperty("senderid") String senderId,
                           @JsonProperty("callerid") String callerId,
                           String collective,
                           String agent,
                           Integer ttl,
                           Long time,
                           WireFilter filter) {
    }

    @JsonPropertyOrder({"fact", "cf_class", "agent", "identity", "compound"})
    record WireFilter(List<FactFilter> fact,
                      @JsonProperty("cf_class") List<String> cfClass,
                      List<String> agent,
                      List<String> identity,
                      List<List<Map<String, String>>> compound) {

        static WireFilter of(Filter f) {
            return new WireFilter(f.fact(), f.cfClass(), f.agent(), f.identity(), f.compound());
        }

        Filter toModel() {
            boolean empty = isEmpty(fact) && isEmpty(cfClass) && isEmpty(agent) && isEmpty(identity) && isEmpty(compound);
            return empty ? Filter.EMPTY : new Filter(fact, cfClass, agent, identity, compound);
        }

        private static boolean isEmpty(List<?> list) {
            return list == null || list.isEmpty();
        }
    }

    @JsonPropertyOrder({"protocol", "message", "hash"})
    record SecureReply(String protocol, String message, String hash) {
    }

    @JsonPropertyOrder({"protocol", "message", "envelope"})
    record ReplyMessage(String protocol, byte[] message, ReplyEnvelope envelope) {
    }

    @JsonPropertyOrder({"requestid", "senderid", "agent", "time"})
    record ReplyEnvelope(@JsonProperty("requestid") String requestId,
                         @JsonProperty("senderid") String senderId,
                         String agent,
                         Long time) {
    }
}
