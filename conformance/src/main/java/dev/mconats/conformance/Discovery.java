package dev.mconats.conformance;

import dev.mconats.srv.Dns;
import dev.mconats.srv.DnsException;
import dev.mconats.srv.SrvRecord;
import dev.mconats.targetmodel.ServerAddress;
import dev.mconats.targetmodel.SrvSettings;
import dev.mconats.targetmodel.Target;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * How the servers of a target are found, as an MCollective node finds them: the explicit list, else the SRV records
 * of {@code _mcollective-server._tcp.<domain>}, then {@code _x-puppet-mcollective._tcp.<domain>}, else
 * {@code puppet:4222}. Both SRV names are looked up whenever a domain is set, so the SRV checks can judge them even
 * when the servers are listed explicitly.
 *
 * @param servers    the servers to test, in a stable order (SRV: priority, then name), not the random RFC 2782 order
 * @param dnsProblem why the SRV records nodes use cannot be read (the current name's lookup failed, or it has no
 *                   records and the legacy name's lookup failed); empty when they were read or not needed
 * @param dnsNotes   lookup failures that do not matter to nodes (the legacy name, when the current name answered)
 */
public record Discovery(Source source, List<ServerAddress> servers, Optional<SrvSettings> srv, List<SrvRecord> primary,
                        List<SrvRecord> legacy, String dnsServer, String dnsProblem, List<String> dnsNotes) {

    public enum Source { EXPLICIT, SRV, LEGACY_SRV, PUPPET_FALLBACK }

    public Discovery {
        servers = List.copyOf(servers);
        primary = List.copyOf(primary);
        legacy = List.copyOf(legacy);
        dnsNotes = List.copyOf(dnsNotes);
    }

    /** The SRV records nodes use: the current name's, else the legacy name's. */
    public List<SrvRecord> records() {
        return primary.isEmpty() ? legacy : primary;
    }

    public static Discovery of(Target target) {
        List<SrvRecord> primary = List.of();
        List<SrvRecord> legacy = List.of();
        String dnsLabel = "";
        String dnsProblem = "";
        List<String> dnsNotes = new ArrayList<>();
        if (target.srv().isPresent()) {
            SrvSettings s = target.srv().get();
            Dns dns = target.dns();
            dnsLabel = dns.serverLabel();
            // Each name on its own: nodes read the legacy name only when the current one has no records, so a broken
            // legacy name is harmless then, and the suite reports it without refusing the target.
            String primaryProblem = "";
            String legacyProblem = "";
            try {
                primary = sorted(lookup(dns, s.serviceName()));
            } catch (DnsException e) {
                primaryProblem = e.getMessage();
            }
            try {
                legacy = sorted(lookup(dns, s.legacyServiceName()));
            } catch (DnsException e) {
                legacyProblem = e.getMessage();
            }
            if (!primaryProblem.isEmpty()) {
                dnsProblem = primaryProblem;
            } else if (primary.isEmpty() && !legacyProblem.isEmpty()) {
                dnsProblem = legacyProblem;
            } else if (!legacyProblem.isEmpty()) {
                dnsNotes.add(legacyProblem + " (harmless: nodes use " + s.serviceName() + ", which answered)");
            }
            if (!dnsProblem.isEmpty() && target.servers().isEmpty() && primary.isEmpty() && legacy.isEmpty()) {
                throw new TargetUnreachableException("cannot find the servers of '" + target.name() + "': " + dnsProblem);
            }
        }
        Source source;
        List<ServerAddress> servers;
        if (!target.servers().isEmpty()) {
            source = Source.EXPLICIT;
            servers = target.servers();
        } else if (!primary.isEmpty()) {
            source = Source.SRV;
            servers = addresses(primary);
        } else if (!legacy.isEmpty()) {
            source = Source.LEGACY_SRV;
            servers = addresses(legacy);
        } else {
            source = Source.PUPPET_FALLBACK;
            servers = List.of(Target.PUPPET_DEFAULT);
        }
        return new Discovery(source, servers, target.srv(), primary, legacy, dnsLabel, dnsProblem, dnsNotes);
    }

    /** One line for reports: where the servers came from. */
    public String describe() {
        return switch (source) {
            case EXPLICIT -> "servers listed in target.servers";
            case SRV -> "servers from SRV " + srv.orElseThrow().serviceName() + " via " + dnsServer;
            case LEGACY_SRV -> "servers from SRV " + srv.orElseThrow().legacyServiceName() + " via " + dnsServer;
            case PUPPET_FALLBACK -> srv.isPresent()
                    ? "no SRV records for " + srv.get().serviceName() + " nor " + srv.get().legacyServiceName() + " via " + dnsServer
                        + ": falling back to puppet:4222 as MCollective does"
                    : "no servers and no srv.domain: puppet:4222, MCollective's default";
        };
    }

    /** DNS over UDP may drop a packet; a resolver asks again, and so does the suite, once, before giving up. */
    private static List<SrvRecord> lookup(Dns dns, String name) {
        try {
            return dns.srv(name);
        } catch (DnsException first) {
            return dns.srv(name);
        }
    }

    private static List<SrvRecord> sorted(List<SrvRecord> records) {
        return records.stream().sorted(Comparator.comparingInt(SrvRecord::priority)
                .thenComparing(SrvRecord::target).thenComparingInt(SrvRecord::port)).toList();
    }

    private static List<ServerAddress> addresses(List<SrvRecord> records) {
        return records.stream().map(r -> new ServerAddress(r.target(), r.port())).distinct().toList();
    }
}
