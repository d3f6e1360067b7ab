package dev.mconats.reports.compare;

/** The figures two runs are compared on. */
public enum Metric {
    PEAK_NODES("peak connected nodes", "nodes", Direction.CONTEXT),
    SERVER_BYTES_PER_CONNECTION("server RSS per connection (fit slope)", "B", Direction.LOWER_IS_BETTER),
    SERVER_IDLE_RSS("server RSS at zero connections (fit intercept)", "B", Direction.LOWER_IS_BETTER),
    CPU_PER_MESSAGE("server CPU per message", "µs", Direction.LOWER_IS_BETTER),
    CPU_PER_HANDSHAKE("server CPU per TLS handshake", "ms", Direction.LOWER_IS_BETTER),
    NODES_AT_MEMORY_BUDGET("nodes per server within the memory budget", "nodes", Direction.HIGHER_IS_BETTER),
    NODES_AT_CPU_BUDGET("nodes per server within the CPU budget", "nodes", Direction.HIGHER_IS_BETTER),
    DISCOVERY_P50("discovery p50 at peak load", "ms", Direction.LOWER_IS_BETTER),
    DISCOVERY_P99("discovery p99 at peak load", "ms", Direction.LOWER_IS_BETTER),
    DISCOVERY_REPLIES_MISSING("discovery replies missing", "replies", Direction.LOWER_IS_BETTER),
    SLOW_CONSUMERS("slow consumers during the run", "events", Direction.LOWER_IS_BETTER),
    ROUTE_PENDING_MAX("largest route pending", "B", Direction.LOWER_IS_BETTER),
    SERVER_SAMPLES_MISSING("server samples missing", "samples", Direction.LOWER_IS_BETTER),
    INJECTOR_BYTES_PER_NODE("injector RSS per simulated node (fit slope)", "B", Direction.LOWER_IS_BETTER);

    private final String label;
    private final String unit;
    private final Direction direction;

    Metric(String label, String unit, Direction direction) {
        this.label = label;
        this.unit = unit;
        this.direction = direction;
    }

    public String label() {
        return label;
    }

    public String unit() {
        return unit;
    }

    public Direction direction() {
        return direction;
    }

    public String key() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
