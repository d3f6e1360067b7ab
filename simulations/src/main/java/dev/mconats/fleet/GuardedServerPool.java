package dev.mconats.fleet;

import io.nats.client.impl.NatsServerPool;
import io.nats.client.support.NatsUri;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * jnats' server pool for the simulated clients, behind the run's {@link LoadScope}: the URLs it starts with are the
 * {@link ServerList}'s admitted addresses, gossiped servers ({@code connect_urls}) join only once the scope admits
 * them (as their checked address), host names are never resolved again, and every server it hands jnats to connect
 * to is checked once more.
 */
final class GuardedServerPool extends NatsServerPool {
    private final ServerList servers;

    GuardedServerPool(ServerList servers) {
        this.servers = servers;
    }

    @Override
    public boolean acceptDiscoveredUrls(List<String> discovered) {
        List<String> admitted = new ArrayList<>();
        for (String d : discovered) {
            Optional<String> url = servers.learn(d);
            url.ifPresent(admitted::add);
        }
        return super.acceptDiscoveredUrls(admitted);
    }

    @Override
    public List<String> resolveHostToIps(String host) {
        return null; // every URL in the pool is already an admitted address
    }

    @Override
    public NatsUri nextServer() {
        NatsUri next = super.nextServer();
        if (next != null) {
            servers.scope().requireAdmitted(addressOf(next));
        }
        return next;
    }

    private static InetSocketAddress addressOf(NatsUri uri) {
        String host = uri.getHost();
        if (!uri.hostIsIpAddress()) {
            throw new IllegalStateException("load to " + uri + " refused: a host name, not a checked address");
        }
        try {
            // a literal: getByName parses it without any lookup
            return new InetSocketAddress(InetAddress.getByName(host.startsWith("[") ? host.substring(1, host.length() - 1) : host),
                    uri.getPort());
        } catch (UnknownHostException e) {
            throw new IllegalStateException("load to " + uri + " refused: " + e.getMessage());
        }
    }
}
