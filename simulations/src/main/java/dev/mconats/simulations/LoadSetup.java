package dev.mconats.simulations;

import dev.mconats.fleet.ConnectionTuning;
import dev.mconats.fleet.Fleet;
import dev.mconats.fleet.FleetSpec;
import dev.mconats.fleet.FleetTls;
import dev.mconats.fleet.LoadScope;
import dev.mconats.fleet.NatsRuntime;
import dev.mconats.fleet.NodeIdentities;
import dev.mconats.fleet.ServerList;
import dev.mconats.gatling.internal.InjectorStats;
import dev.mconats.gatling.internal.NatsRun;
import dev.mconats.gatling.internal.RunControl;
import dev.mconats.reports.sampling.ServerMonitor;
import dev.mconats.targetmodel.ServerAddress;
import dev.mconats.targetmodel.Target;
import dev.mconats.targetmodel.TargetException;
import dev.mconats.targetmodel.TargetFile;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Turns parameters into a ready run: reads the target, resolves its servers once through the run's {@link LoadScope}
 * (servers outside loopback are refused unless opted in), loads the TLS material, and builds the fleet. Everything
 * a user can get wrong fails here, in one line, before Gatling starts.
 *
 * <p>The opt-in for servers outside loopback comes from the target file or from the injector's own program arguments
 * ({@link LoadRunner}'s {@code --allow-non-loopback}, which only the mco-nats command line passes), never from a
 * system property: {@code mconats.load.allow-non-loopback} is refused, so extra JVM options cannot forge it.
 */
public final class LoadSetup {
    private final LoadParameters params;
    private final Target target;
    private final ServerList servers;
    private final FleetTls tls;
    private final FleetSpec spec;
    private static volatile boolean commandLineOptIn;

    private LoadSetup(LoadParameters params, Target target, ServerList servers, FleetTls tls, FleetSpec spec) {
        this.params = params;
        this.target = target;
        this.servers = servers;
        this.tls = tls;
        this.spec = spec;
    }

    /** Set by {@link LoadRunner} from its program arguments, before any simulation is built. */
    static void optInFromCommandLine(boolean optIn) {
        commandLineOptIn = optIn;
    }

    public static LoadSetup prepare(LoadParameters params) {
        return prepare(params, "single");
    }

    /** @param defaultDeployment embedded default used when no target is given: "single" or "cluster" */
    public static LoadSetup prepare(LoadParameters params, String defaultDeployment) {
        Target target = TargetFile.load(params.target(defaultDeployment));
        ServerList servers;
        try {
            servers = ServerList.discover(target, LoadScope.of(target, commandLineOptIn), ThreadLocalRandom.current());
        } catch (TargetException e) {
            throw new TargetException("target " + target.name() + ": " + e.getMessage(), e);
        }
        FleetTls tls = FleetTls.of(target, params.nodeCert(), params.nodeKey(), params.perNodeCerts());
        FleetSpec spec;
        try {
            spec = FleetSpec.of(params.collectives(), params.agents(), params.registrationInterval());
        } catch (IllegalArgumentException e) {
            throw new TargetException(LoadParameters.PREFIX + "collectives/agents: " + e.getMessage());
        }
        if (params.shard() >= params.shards()) {
            throw new TargetException(LoadParameters.PREFIX + "shard: " + params.shard() + " is not below shards " + params.shards());
        }
        return new LoadSetup(params, target, servers, tls, spec);
    }

    /** Builds the run's fleet (threads start here) for the given number of clients. */
    public NatsRun newRun(int clients) {
        return newRun(clients, params.connectConcurrency());
    }

    public NatsRun newRun(int clients, int connectConcurrency) {
        NodeIdentities ids = new NodeIdentities(NodeIdentities.DEFAULT_PREFIX, NodeIdentities.DEFAULT_DOMAIN,
                params.nodes(), params.shard(), params.shards());
        NatsRuntime runtime = new NatsRuntime();
        Fleet fleet = new Fleet(runtime, tls, spec, servers, ConnectionTuning.node().withConnectTimeout(params.nodeConnectTimeout()),
                ConnectionTuning.client(), Clock.systemUTC());
        fleet.warmUpConnectPath(params.connectWarmup(ids.localSize()), connectConcurrency);
        return new NatsRun(fleet, ids, new RunControl(clients), new InjectorStats(params.serverPids()),
                connectConcurrency, params.connectRetry(), java.time.Duration.ofSeconds(30), params.settleGc());
    }

    /** Clients: as given, else one per server so every member of a cluster has a client. */
    public int clients() {
        return params.clients().orElse(Math.max(1, servers.size()));
    }

    /** The run's load scope, for the record: where load may go and why. */
    public Map<String, Object> scopeRecord() {
        Map<String, Object> m = new LinkedHashMap<>();
        LoadScope scope = servers.scope();
        m.put("allow_non_loopback", scope.allowsNonLoopback());
        m.put("opt_in", scope.optIn().label());
        m.put("target_file", target.file().map(Object::toString).orElse(null));
        Map<String, String> addresses = new LinkedHashMap<>();
        for (int i = 0; i < servers.servers().size(); i++) {
            addresses.put(servers.servers().get(i).toString(), servers.admitted(i).toString().replaceFirst("^[^/]*/", ""));
        }
        m.put("servers", addresses);
        return m;
    }

    /**
     * Each server's monitor, in the order of {@link #servers()}. The target lists monitors "in server order", but SRV
     * returns servers in RFC 2782 order (random among equal weights): a configured monitor on the server's own address
     * (the address its name was checked and resolved to, not a fresh lookup) is its monitor, whatever its position.
     */
    public List<ServerMonitor> monitors() {
        List<ServerMonitor> out = new ArrayList<>();
        for (int i = 0; i < servers.servers().size(); i++) {
            ServerAddress s = servers.servers().get(i);
            InetAddress at = servers.admitted(i).getAddress();
            String address = at.getHostAddress();
            int index = i;
            URI monitor = target.monitors().stream().filter(m -> address.equals(hostAddress(m))).findFirst()
                    .orElseGet(() -> index < target.monitors().size() ? target.monitors().get(index)
                            : URI.create("http://" + (at instanceof Inet6Address ? "[" + address + "]" : address)
                            + ":" + target.monitorPort()));
            out.add(new ServerMonitor(s.host(), monitor));
        }
        return out;
    }

    private String hostAddress(URI monitor) {
        try {
            return target.resolve(monitor.getHost()).getHostAddress();
        } catch (TargetException e) {
            return "";
        }
    }

    public LoadParameters params() {
        return params;
    }

    public Target target() {
        return target;
    }

    public ServerList servers() {
        return servers;
    }

    public FleetTls tls() {
        return tls;
    }

    public FleetSpec spec() {
        return spec;
    }
}
