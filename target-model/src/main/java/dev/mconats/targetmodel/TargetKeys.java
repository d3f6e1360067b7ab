package dev.mconats.targetmodel;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every key of the target file, declared once: a new key is one declaration here (plus its row in README.md's
 * "Target file" table, which a test checks against this list). Reading, writing, defaults and the unknown-key error
 * all follow from these declarations. Order = the order {@link Target#toHocon()} writes them.
 */
public final class TargetKeys {
    private static final List<TargetKey<?>> ALL = new ArrayList<>();

    public static final TargetKey<String> NAME = optional("name", ValueType.string(), "unnamed-target",
            "label in reports");
    public static final TargetKey<List<ServerAddress>> SERVERS = optional("servers", ValueType.servers(), List.of(),
            "explicit server list; when empty, SRV; when no SRV domain either, `puppet:4222`");
    public static final TargetKey<String> SRV_DOMAIN = optional("srv.domain", ValueType.string(), "",
            "SRV domain");
    public static final TargetKey<Optional<InetSocketAddress>> SRV_DNS_SERVER = optional("srv.dns-server",
            ValueType.optionalHostPort(), Optional.empty(), "DNS server `host:port` to ask; empty = system resolver");
    public static final TargetKey<Map<String, String>> HOSTS = optional("hosts", ValueType.stringMap(), Map.of(),
            "static name → address map");
    public static final TargetKey<List<URI>> MONITOR = optional("monitor", ValueType.httpUrls(), List.of(),
            "monitor URLs, in server order");
    public static final TargetKey<Integer> MONITOR_PORT = optional("monitor-port", ValueType.port(), 8222,
            "monitor port when `monitor` is empty");
    public static final TargetKey<Path> TLS_CA = required("tls.ca", ValueType.file(),
            "Puppet CA (PEM): one certificate, or Puppet 6+'s bundle (intermediate, then root)");
    public static final TargetKey<Path> TLS_CERT = required("tls.cert", ValueType.file(), "client certificate (PEM) signed by that CA");
    public static final TargetKey<Path> TLS_KEY = required("tls.key", ValueType.file(), "the client certificate's private key (PEM)");
    public static final TargetKey<Optional<Path>> TLS_CA_KEY = optional("tls.ca-key", ValueType.optionalFile(), Optional.empty(),
            "CA key (of the certificate of `tls.ca` that signs: with a bundle, the intermediate), optional; enables checks "
                    + "that must mint certificates");
    public static final TargetKey<Integer> TLS_EXPIRY_WARNING_DAYS = optional("tls.expiry-warning-days",
            ValueType.positiveInt(), 30, "warn when a server cert expires sooner");
    public static final TargetKey<Optional<Integer>> CLUSTER_EXPECTED_SIZE = optional("cluster.expected-size",
            ValueType.optional(ValueType.positiveInt()), Optional.empty(),
            "number of servers in the full mesh; not set: the number of distinct servers found (SRV or `servers`), "
                    + "named as such in the evidence");
    public static final TargetKey<Integer> CLUSTER_ROUTE_PORT = optional("cluster.route-port", ValueType.port(), 4223,
            "route port, used only when a server's `/varz` cannot be read (the suite probes the port each server reports)");
    public static final TargetKey<Boolean> CLUSTER_PROBE_ROUTES = optional("cluster.probe-routes", ValueType.bool(), false,
            "allow route-port probes");
    public static final TargetKey<String> CLUSTER_ROUTE_USER = optional("cluster.route-user", ValueType.string(), "",
            "route user");
    public static final TargetKey<Secret> CLUSTER_ROUTE_PASSWORD = optional("cluster.route-password",
            ValueType.secret("MCO_NATS_ROUTE_PASSWORD"), Secret.of(""),
            "route password (a secret: never printed; written back as `${?MCO_NATS_ROUTE_PASSWORD}`)");
    public static final TargetKey<Long> EXPECTED_FLEET_SIZE = optional("expected-fleet-size", ValueType.positiveLong(), 1000L,
            "nodes the cluster must accept");
    public static final TargetKey<Long> SERVER_OPEN_FILES_LIMIT = optional("server-open-files-limit", ValueType.range(0, Long.MAX_VALUE), 0L,
            "each server process's open-files limit (`ulimit -n`) for the capacity report, when the servers are not "
                    + "processes on the machine running the load (those are read from /proc); 0 = unknown");
    public static final TargetKey<Boolean> LOAD_ALLOW_NON_LOOPBACK = optional("load.allow-non-loopback", ValueType.bool(), false,
            "opt-in for load against non-loopback servers");
    public static final TargetKey<Boolean> FAULT_ALLOW_MEMBER_COMMANDS = optional("fault.allow-member-commands", ValueType.bool(), false,
            "opt-in: storm simulations may run the member commands below (they take servers of this cluster down)");
    public static final TargetKey<Duration> FAULT_COMMAND_TIMEOUT = optional("fault.command-timeout", ValueType.duration(),
            Duration.ofMinutes(2), "each stop, kill or start command is killed after this long (and fails)");
    public static final TargetKey<List<FaultSettings.Member>> FAULT_MEMBERS = optional("fault.members", ValueType.faultMembers(),
            List.of(), "per member: `{ server, stop, kill, start, name }`, the commands that stop, kill and start it");

    private TargetKeys() {
    }

    /** Every key, in declaration order. */
    public static List<TargetKey<?>> all() {
        return Collections.unmodifiableList(ALL);
    }

    private static <T> TargetKey<T> optional(String path, ValueType<T> type, T defaultValue, String meaning) {
        TargetKey<T> k = new TargetKey<>(path, type, defaultValue, false, meaning);
        ALL.add(k);
        return k;
    }

    private static <T> TargetKey<T> required(String path, ValueType<T> type, String meaning) {
        TargetKey<T> k = new TargetKey<>(path, type, null, true, meaning);
        ALL.add(k);
        return k;
    }
}
