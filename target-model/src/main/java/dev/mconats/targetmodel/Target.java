package dev.mconats.targetmodel;

import dev.mconats.srv.Dns;
import dev.mconats.srv.DnsException;
import dev.mconats.srv.Rfc2782;
import dev.mconats.srv.SrvRecord;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.random.RandomGenerator;

/**
 * A NATS cluster under test: one value per {@link TargetKeys key} of the target file (see {@link TargetFile}),
 * defaults filled in. Immutable; change a copy with {@link #toBuilder()}; write it with {@link #toHocon()}.
 */
public final class Target {
    /** MCollective's fallback when neither servers nor SRV are configured. */
    public static final ServerAddress PUPPET_DEFAULT = new ServerAddress("puppet", 4222);

    private final Optional<Path> file;
    private final Map<TargetKey<?>, Object> values;

    private Target(Optional<Path> file, Map<TargetKey<?>, Object> values) {
        this.file = file;
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    public static Builder builder() {
        return new Builder(Optional.empty(), new LinkedHashMap<>());
    }

    public Builder toBuilder() {
        return new Builder(file, new LinkedHashMap<>(values));
    }

    /** The value of a key (its default when the file did not set it). */
    public <T> T get(TargetKey<T> key) {
        @SuppressWarnings("unchecked")
        T v = (T) values.get(key);
        return v;
    }

    /** The file it was read from (relative paths in it were resolved against its folder), if any. */
    public Optional<Path> file() {
        return file;
    }

    public String name() {
        return get(TargetKeys.NAME);
    }

    public List<ServerAddress> servers() {
        return get(TargetKeys.SERVERS);
    }

    public Optional<SrvSettings> srv() {
        String domain = get(TargetKeys.SRV_DOMAIN);
        return domain.isEmpty() ? Optional.empty() : Optional.of(new SrvSettings(domain, get(TargetKeys.SRV_DNS_SERVER)));
    }

    public Map<String, String> hosts() {
        return get(TargetKeys.HOSTS);
    }

    public List<URI> monitors() {
        return get(TargetKeys.MONITOR);
    }

    public int monitorPort() {
        return get(TargetKeys.MONITOR_PORT);
    }

    public TlsFiles tls() {
        return new TlsFiles(get(TargetKeys.TLS_CA), get(TargetKeys.TLS_CERT), get(TargetKeys.TLS_KEY), get(TargetKeys.TLS_CA_KEY));
    }

    public int expiryWarningDays() {
        return get(TargetKeys.TLS_EXPIRY_WARNING_DAYS);
    }

    /**
     * {@code cluster.expected-size} when the file sets it; without it the conformance suite takes the number of
     * distinct servers it finds (SRV or {@code servers}).
     */
    public OptionalInt expectedClusterSize() {
        return get(TargetKeys.CLUSTER_EXPECTED_SIZE).map(OptionalInt::of).orElse(OptionalInt.empty());
    }

    public RouteSettings routes() {
        return new RouteSettings(get(TargetKeys.CLUSTER_ROUTE_PORT), get(TargetKeys.CLUSTER_PROBE_ROUTES),
                get(TargetKeys.CLUSTER_ROUTE_USER), get(TargetKeys.CLUSTER_ROUTE_PASSWORD));
    }

    public long expectedFleetSize() {
        return get(TargetKeys.EXPECTED_FLEET_SIZE);
    }

    public boolean allowNonLoopbackLoad() {
        return get(TargetKeys.LOAD_ALLOW_NON_LOOPBACK);
    }

    /** The fault section: how storm simulations may stop and start members of a staging cluster. */
    public FaultSettings fault() {
        return new FaultSettings(get(TargetKeys.FAULT_ALLOW_MEMBER_COMMANDS), get(TargetKeys.FAULT_COMMAND_TIMEOUT),
                get(TargetKeys.FAULT_MEMBERS));
    }

    /**
     * The target as a target file: every key that differs from its default, absolute paths, and secrets as the
     * environment substitution their key names (never their value). {@link TargetFile#parse} reads it back equal.
     */
    public String toHocon() {
        StringBuilder b = new StringBuilder();
        b.append("# Target file written by mco-nats-suite. Format: README.md, \"Target file\"; unset keys take their defaults.\n");
        b.append("target {\n");
        for (TargetKey<?> k : TargetKeys.all()) {
            Object v = values.get(k);
            boolean secret = v instanceof Secret;
            if (!secret && Objects.equals(v, k.defaultValue())) {
                continue;
            }
            b.append("  ").append(k.path()).append(" = ").append(k.renderObject(v)).append("   # ").append(k.meaning()).append('\n');
        }
        b.append("}\n");
        return b.toString();
    }

    /** Writes {@link #toHocon()} to a file (its folder is created). */
    public Path write(Path target) {
        try {
            Files.createDirectories(target.toAbsolutePath().getParent());
            Files.writeString(target, toHocon());
            return target;
        } catch (IOException e) {
            throw new TargetException("cannot write target file " + target + ": " + e.getMessage());
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Target t && file.equals(t.file) && values.equals(t.values);
    }

    @Override
    public int hashCode() {
        return Objects.hash(file, values);
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("Target[");
        values.forEach((k, v) -> b.append(k.path()).append('=').append(v).append(", "));
        return b.append("file=").append(file.map(Path::toString).orElse("")).append(']').toString();
    }

    /** Sets keys of a target; unset keys take their defaults. The one way to make a {@link Target} in code. */
    public static final class Builder {
        private Optional<Path> file;
        private final Map<TargetKey<?>, Object> values;

        private Builder(Optional<Path> file, Map<TargetKey<?>, Object> values) {
            this.file = file;
            this.values = values;
        }

        public <T> Builder set(TargetKey<T> key, T value) {
            values.put(key, key.check(value));
            return this;
        }

        /** The file this target is (or will be) read from. */
        public Builder file(Path f) {
            this.file = Optional.ofNullable(f).map(p -> p.toAbsolutePath().normalize());
            return this;
        }

        /** Fails, naming the key, when a required key is not set. */
        public Target build() {
            Map<TargetKey<?>, Object> all = new LinkedHashMap<>();
            for (TargetKey<?> k : TargetKeys.all()) {
                Object v = values.containsKey(k) ? values.get(k) : k.defaultValue();
                all.put(k, k.check(v));
            }
            return new Target(file, all);
        }
    }

    public Dns dns() {
        return Dns.using(get(TargetKeys.SRV_DNS_SERVER));
    }

    /**
     * The servers a node would use, in the order it would try them: the explicit list, else SRV records of
     * {@code _mcollective-server._tcp} then {@code _x-puppet-mcollective._tcp} in RFC 2782 order, else puppet:4222.
     */
    public List<ServerAddress> discoverServers(RandomGenerator random) {
        if (!servers().isEmpty()) {
            return servers();
        }
        Optional<SrvSettings> srv = srv();
        if (srv.isPresent()) {
            Dns dns = dns();
            SrvSettings s = srv.get();
            List<SrvRecord> records;
            try {
                records = dns.srv(s.serviceName());
            } catch (DnsException e) {
                records = dns.srv(s.legacyServiceName()); // as a node does: a failed current name falls back to the legacy one
                if (records.isEmpty()) {
                    throw e;
                }
            }
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
        String mapped = hosts().get(host);
        try {
            if (mapped != null) {
                return List.of(InetAddress.getByName(mapped));
            }
            if (isLiteral(host)) {
                return List.of(InetAddress.getByName(host));
            }
            if (get(TargetKeys.SRV_DNS_SERVER).isPresent()) {
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
        List<URI> monitors = monitors();
        if (index < monitors.size()) {
            return monitors.get(index);
        }
        return URI.create("http://" + resolve(server.host()).getHostAddress() + ":" + monitorPort());
    }

    static boolean isLiteral(String host) {
        return host.matches("[0-9.]+") || host.contains(":");
    }
}
