package dev.mconats.conformance;

import dev.mconats.conformance.probe.NatsInfo;
import dev.mconats.targetmodel.ServerAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Optional;

/**
 * A server of the target that answered as a NATS client port: the name clients use, the address it resolved to,
 * the INFO it sent, and its monitor endpoint (found by server_id when the target lists monitors).
 *
 * @param monitorProblem why there is no monitor endpoint, when {@code monitor} is empty
 */
public record Node(ServerAddress address, InetSocketAddress endpoint, NatsInfo info, Optional<URI> monitor, String monitorProblem) {
    /** The label used in every report: {@code host:port} as the client names the server. */
    public String label() {
        return address.toString();
    }

    public String host() {
        return address.host();
    }

    public Node withMonitor(Optional<URI> uri, String problem) {
        return new Node(address, endpoint, info, uri, problem);
    }
}
