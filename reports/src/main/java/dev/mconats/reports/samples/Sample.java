package dev.mconats.reports.samples;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** One line of samples.jsonl: one sampling instant. */
public record Sample(double elapsedSeconds, Instant time, InjectorSample injector, List<ServerSample> servers) {
    public Sample {
        servers = List.copyOf(servers);
    }

    public Optional<ServerSample> server(String name) {
        for (ServerSample s : servers) {   // a loop, not a stream: called for every server of every sample
            if (s.name().equals(name)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /** Client connections summed over the servers that answered. */
    public long totalConnections() {
        return servers.stream().filter(ServerSample::ok).mapToLong(s -> Math.max(0, s.connections())).sum();
    }
}
