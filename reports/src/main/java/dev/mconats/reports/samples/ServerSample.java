package dev.mconats.reports.samples;

import java.util.List;

/**
 * One server in one sample. When {@link #error()} is set the server did not answer and every figure is unknown
 * (-1 / NaN). {@code mem} is RSS in bytes, {@code cpu} percent of one core, as nats-server reports them.
 * {@code process} is set only in the first answer of each server process (null otherwise, and when unknown).
 */
public record ServerSample(String name, String url, String error, String serverId, String version, long connections,
                           long totalConnections, long subscriptions, long mem, double cpu, long inMsgs, long outMsgs,
                           long inBytes, long outBytes, long slowConsumers, long maxConnections, long maxPayload,
                           long maxPending, double tlsTimeout, long writeDeadlineNanos, List<RouteSample> routes,
                           String routesError, ProcessSample process) {
    public ServerSample {
        routes = routes == null ? List.of() : List.copyOf(routes);
    }

    public boolean ok() {
        return error == null;
    }

    /** Largest pending_size over this server's routes (0 without routes, -1 when /routez failed). */
    public long maxRoutePending() {
        if (!ok() || routesError != null) {
            return -1;
        }
        return routes.stream().mapToLong(RouteSample::pendingSize).max().orElse(0);
    }
}
