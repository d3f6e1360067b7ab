package dev.mconats.targetmodel;

import dev.mconats.srv.Dns;
import dev.mconats.srv.DnsException;
import dev.mconats.srv.Rfc2782;
import dev.mconats.srv.SrvRecord;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * A NATS cluster under test, as described by a target file (see {@link TargetFile}). Immutable.
 *
 * @param file the file it was read from (relative paths in it are resolved against its folder), if any
 */
public record Target(
        String name,
        Optional<Path> file,
        List<ServerAddress> servers,
        Optional<SrvSettings> srv,
        Map<String, String> hosts,
        List<URI> monitors,
        int monitorPort,
        TlsFiles tls,
        int expiryWarningDays,
        int expectedClusterSize,
        RouteSettings routes,
        long expectedFleetSize,
        boolean allowNonLoopbackLoad) {

    /** MCollective's fallback when neither servers nor SRV are configured. */
    public static final ServerAddress PUPPET_DEFAULT = new ServerAddress("puppet", 4222);

    public Target {
        servers = List.copyOf(servers);
        hosts = Map.copyOf(hosts);
        monitors = List.copyOf(monitors);
    }

    public Dns dns() {
        return Dns.using(srv.flatMap(SrvSettings::dnsServer));
    }

    /**
     * The servers a node would use, in the order it would try them: the explicit list, else SRV records of
     * {@code _mcollective-server._tcp} then {@code _x-puppet-mcollective._tcp} in RFC 2782 order, else puppet:4222.
     */
    public List<ServerAddress> discoverServers(RandomGenerator random) {
        if (!servers.isEmpty()) {
            return servers;
        }
        if (srv.isPresent()) {
            Dns dns = dns();
            SrvSettings s = srv.get();
            List<SrvRecord> records = dns.srv(s.serviceName());
            if (records.isEmpty()) {
                records = dns.srv(s.legacyServiceName());
            }
            if (records.isEmpty()) {
                throw new TargetException("no SRV records for " + s.serviceName() + " (nor " + s.legacyServiceName()
                        + ") via " + dns.serverLabel());
            }
            return Rfc2782.order(records, random).stream().map(r -> new ServerAddress(r.target(), r.port())).toList();
        }
        return List.of(PUPPET_DEFAULT);
    }

    /** Resolves a server host: the target's hosts map, then its DNS server, then the system resolver (first answer). */
    public InetAddress resolve(String host) {
        return resolveAll(host).get(0);
    }

    /**
     * Every address a server host resolves to, in the resolver's order (never empty): the target's hosts map, then its
     * DNS server, then the system resolver. One call is one lookup: callers that must connect where they checked keep
     * the answer instead of asking again.
     */
    public List<InetAddress> resolveAll(String host) {
        String mapped = hosts.get(host);
        try {
            if (mapped != null) {
                return List.of(InetAddress.getByName(mapped));
            }
            if (isLiteral(host)) {
                return List.of(InetAddress.getByName(host));
            }
            if (srv.flatMap(SrvSettings::dnsServer).isPresent()) {
                List<InetAddress> a = dns().addresses(host);
                if (!a.isEmpty()) {
                    List<InetAddress> named = new java.util.ArrayList<>(a.size());
                    for (InetAddress x : a) {
                        named.add(InetAddress.getByAddress(host, x.getAddress()));
                    }
                    return List.copyOf(named);
                }
            }
            return List.of(InetAddress.getAllByName(host));
        } catch (UnknownHostException | DnsException e) {
            throw new TargetException("cannot resolve server host '" + host + "'" + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        }
    }

    /** The monitor endpoint of a server: the configured one in the same position, else http://host:monitor-port. */
    public URI monitorFor(ServerAddress server, int index) {
        if (index < monitors.size()) {
            return monitors.get(index);
        }
        return URI.create("http://" + resolve(server.host()).getHostAddress() + ":" + monitorPort);
    }

    static boolean isLiteral(String host) {
        return host.matches("[0-9.]+") || host.contains(":");
    }
}
