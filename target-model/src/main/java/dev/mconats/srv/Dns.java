package dev.mconats.srv;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Cache;
import org.xbill.DNS.ExtendedResolver;
import org.xbill.DNS.Lookup;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.SRVRecord;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * Lookups through dnsjava against one chosen DNS server (or the system's), with no cache shared between calls,
 * so that a check sees what the DNS says now.
 */
public final class Dns {
    private final Resolver resolver;
    private final String serverLabel;

    private Dns(Resolver resolver, String serverLabel) {
        this.resolver = resolver;
        this.serverLabel = serverLabel;
    }

    public static Dns using(Optional<InetSocketAddress> server) {
        try {
            Resolver r = server.isPresent() ? new SimpleResolver(server.get()) : new ExtendedResolver();
            r.setTimeout(Duration.ofSeconds(2));
            return new Dns(r, server.map(s -> s.getHostString() + ":" + s.getPort()).orElse("system resolver"));
        } catch (Exception e) {
            throw new DnsException("cannot set up DNS resolver: " + e.getMessage());
        }
    }

    public String serverLabel() {
        return serverLabel;
    }

    /** SRV records for a name; empty when the name does not exist or has none. */
    public List<SrvRecord> srv(String name) {
        List<SrvRecord> out = new ArrayList<>();
        for (Record r : query(name, Type.SRV)) {
            SRVRecord s = (SRVRecord) r;
            out.add(new SrvRecord(s.getPriority(), s.getWeight(), s.getPort(), s.getTarget().toString()));
        }
        return out;
    }

    /** IPv4 addresses of a host; empty when it does not exist. */
    public List<InetAddress> addresses(String host) {
        List<InetAddress> out = new ArrayList<>();
        for (Record r : query(host, Type.A)) {
            out.add(((ARecord) r).getAddress());
        }
        return out;
    }

    private Record[] query(String name, int type) {
        Lookup lookup;
        try {
            lookup = new Lookup(Name.fromString(name.endsWith(".") ? name : name + "."), type);
        } catch (TextParseException e) {
            throw new DnsException("not a DNS name: '" + name + "'");
        }
        lookup.setResolver(resolver);
        lookup.setCache(new Cache());
        lookup.setSearchPath((Name[]) null);
        Record[] records = lookup.run();
        return switch (lookup.getResult()) {
            case Lookup.SUCCESSFUL -> records;
            case Lookup.HOST_NOT_FOUND, Lookup.TYPE_NOT_FOUND -> new Record[0];
            default -> throw new DnsException("DNS lookup of " + name + " via " + serverLabel + " failed: " + lookup.getErrorString());
        };
    }
}
