package dev.mconats.reports.capacity;

/**
 * The server a planner has in mind, and the traffic the CPU estimate assumes.
 *
 * @param memoryBytes          RSS a server may use
 * @param cpuPercent           CPU a server may use, percent of one core (400 = four cores), like /varz
 * @param discoveriesPerSecond fleet-wide discoveries per second; each costs a server 2 messages per node connected to
 *                             it (the request delivered, the reply received)
 */
public record CapacityBudget(long memoryBytes, double cpuPercent, double discoveriesPerSecond) {
    /** 8 GiB and one core, with one discovery every 10 s (the production test server was 4 vCPU / 8 GB). */
    public static final CapacityBudget DEFAULT = new CapacityBudget(8L << 30, 100, 0.1);

    public static final int MESSAGES_PER_NODE_PER_DISCOVERY = 2;

    public CapacityBudget {
        if (memoryBytes <= 0 || cpuPercent <= 0 || discoveriesPerSecond <= 0) {
            throw new IllegalArgumentException("capacity budget must be positive: memory " + memoryBytes
                    + " bytes, cpu " + cpuPercent + " %, discoveries " + discoveriesPerSecond + "/s");
        }
    }
}
