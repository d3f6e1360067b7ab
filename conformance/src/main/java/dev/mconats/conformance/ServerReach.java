package dev.mconats.conformance;

import dev.mconats.targetmodel.ServerAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;

/**
 * What happened when the suite first reached out to one server the target names: it answered as a NATS client port
 * ({@code node} present), or the problem in one line (does not resolve, refuses, no INFO, a route port).
 */
public record ServerReach(ServerAddress address, Optional<InetSocketAddress> endpoint, Optional<Node> node, String problem,
                          List<String> evidence) {
    public ServerReach {
        evidence = List.copyOf(evidence);
    }

    public boolean answered() {
        return node.isPresent();
    }
}
