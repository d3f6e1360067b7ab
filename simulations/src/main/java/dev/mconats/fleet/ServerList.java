package dev.mconats.fleet;

import dev.mconats.targetmodel.NatsClientOptions;
import dev.mconats.targetmodel.ServerAddress;
import dev.mconats.targetmodel.Target;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * The servers of a target as a node finds them (explicit list, else SRV in RFC 2782 order, else puppet:4222),
 * resolved once for the whole fleet: 20,000 SRV lookups would load the DNS, not the NATS servers. Each node then
 * gets its own random order, as Choria randomises its server list by default, which spreads nodes over members.
 */
public final class ServerList {
    private final List<ServerAddress> servers;
    private final List<String> urls;

    private ServerList(List<ServerAddress> servers, List<String> urls) {
        this.servers = List.copyOf(servers);
        this.urls = List.copyOf(urls);
    }

    public static ServerList discover(Target target, RandomGenerator random) {
        List<ServerAddress> servers = target.discoverServers(random);
        List<String> urls = new ArrayList<>();
        for (ServerAddress s : servers) {
            urls.add(NatsClientOptions.url(target, s));
        }
        return new ServerList(servers, urls);
    }

    public List<ServerAddress> servers() {
        return servers;
    }

    /** tls://address:port of each server, in discovery order. */
    public List<String> urls() {
        return urls;
    }

    public int size() {
        return urls.size();
    }

    /** A node's server list: all servers in random order. */
    public String[] randomOrder(RandomGenerator random) {
        List<String> copy = new ArrayList<>(urls);
        Collections.shuffle(copy, random);
        return copy.toArray(String[]::new);
    }

    /** Server {@code first} (modulo the list) first, then the others: pins a client to one member while it is up. */
    public String[] startingAt(int first) {
        String[] out = new String[urls.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = urls.get((first + i) % urls.size());
        }
        return out;
    }
}
