package dev.mconats.mco;

/**
 * Protocol identifiers of Choria protocol v1. Each nesting level of the envelope carries its own
 * {@code protocol} string so a receiver can reject a message at the first level that is not v1.
 */
public final class Protocol {
    public static final String TRANSPORT = "choria:transport:1";
    public static final String SECURE_REQUEST = "choria:secure:request:1";
    public static final String REQUEST = "choria:request:1";
    public static final String SECURE_REPLY = "choria:secure:reply:1";
    public static final String REPLY = "choria:reply:1";

    /** Collective every node and client joins unless configured otherwise. */
    public static final String DEFAULT_COLLECTIVE = "mcollective";

    /** Caller ids of certificate-authenticated callers are {@code choria=<certname>}. */
    public static final String CALLER_PREFIX = "choria=";

    /** Default request validity in seconds; the node rejects a request whose time is outside +-ttl of now. */
    public static final int DEFAULT_TTL = 60;

    private Protocol() {
    }
}
