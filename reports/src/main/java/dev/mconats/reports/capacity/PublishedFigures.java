package dev.mconats.reports.capacity;

/** The figures Choria publishes for one broker, to hold our measurements against. */
public final class PublishedFigures {
    /** "Handles 50 000 Choria connections per node". */
    public static final long CONNECTIONS_PER_BROKER = 50_000;
    /** "A broker with 10 000 connected nodes consumes around 300 MB RSS" (MB taken as 10^6 bytes). */
    public static final long NODES_FOR_RSS = 10_000;
    public static final long RSS_BYTES_AT_NODES = 300_000_000L;

    public static final String SOURCE = "Choria documentation, deployment/broker";

    private PublishedFigures() {
    }

    public static double bytesPerNode() {
        return (double) RSS_BYTES_AT_NODES / NODES_FOR_RSS;
    }
}
