package dev.mconats.reports.capacity;

/** The figures Choria publishes, and the seed's claim, to hold our measurements against. */
public final class PublishedFigures {
    /** "Handles 50 000 Choria connections per node". */
    public static final long CONNECTIONS_PER_BROKER = 50_000;
    /** "A broker with 10 000 connected nodes consumes around 300 MB RSS" (MB taken as 10^6 bytes). */
    public static final long NODES_FOR_RSS = 10_000;
    public static final long RSS_BYTES_AT_NODES = 300_000_000L;
    public static final String SOURCE = "Choria documentation, deployment/broker";

    /** The production test: 3 brokers carrying 58,319 connections, one broker on 4 vCPU / 8 GB at ~1.18 GB RSS. */
    public static final int PRODUCTION_BROKERS = 3;
    public static final long PRODUCTION_CONNECTIONS = 58_319;
    public static final long PRODUCTION_BROKER_RSS_BYTES = 1_180_000_000L;
    /** ... and a Go client discovered ~50,000 nodes in ~1.2 s. */
    public static final long PRODUCTION_DISCOVERY_NODES = 50_000;
    public static final double PRODUCTION_DISCOVERY_MILLIS = 1200;
    public static final String PRODUCTION_SOURCE = "Choria blog, 2018-03-07, the 50,000-node production test";

    /** The seed document's claim about one node. */
    public static final String SEED_CLAIM = "it will scale to a very large number of nodes even on one node";
    public static final String SEED_SOURCE = "Setting up NATS.io for MCollective (the seed)";

    private PublishedFigures() {
    }

    public static double bytesPerNode() {
        return (double) RSS_BYTES_AT_NODES / NODES_FOR_RSS;
    }

    /** Connections one broker of the production test carried on average. */
    public static long productionConnectionsPerBroker() {
        return Math.round((double) PRODUCTION_CONNECTIONS / PRODUCTION_BROKERS);
    }
}
