package dev.mconats.simulations;

import dev.mconats.fleet.ConnectionTuning;
import dev.mconats.fleet.Fleet;
import dev.mconats.fleet.FleetSpec;
import dev.mconats.fleet.FleetTls;
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
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Turns parameters into a ready run: reads the target, refuses servers outside loopback unless opted in, resolves
 * the servers once, loads the TLS material, and builds the fleet. Everything a user can get wrong fails here, in
 * one line, before Gatling starts.
 */
public final class LoadSetup {
    private final LoadParameters params;
    private final Target target;
    private final ServerList servers;
    private final FleetTls tls;
    private final FleetSpec spec;

    private LoadSetup(LoadParameters params, Target target, ServerList servers, FleetTls tls, FleetSpec spec) {
        this.params = params;
        this.target = target;
        this.servers = servers;
        this.tls = tls;
        this.spec = spec;
    }

    public static LoadSetup prepare(LoadParameters params) {
        return prepare(params, "single");
    }

    /** @param defaultDeployment embedded default used when no target is given: "single" or "cluster" */
    public static LoadSetup prepare(LoadParameters params, String defaultDeployment) {
        Target target = TargetFile.load(params.target(defaultDeployment));
        ServerList servers = ServerList.discover(target, ThreadLocalRandom.current());
        if (!(target.allowNonLoopbackLoad() || params.allowNonLoopback()) && !target.isLoopbackOnly(servers.servers())) {
            throw new TargetException("target " + target.name() + " has servers outside 127.0.0.0/8 " + servers.urls()
                    + ": load against them needs target.load.allow-non-loopback = true or --allow-non-loopback");
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
        Fleet fleet = new Fleet(runtime, tls, spec, servers, ConnectionTuning.node(), ConnectionTuning.client(), Clock.systemUTC());
        return new NatsRun(fleet, ids, new RunControl(clients), new InjectorStats(params.serverPids()),
                connectConcurrency, params.connectRetry(), java.time.Duration.ofSeconds(30), params.settleGc());
    }

    /** Clients: as given, else one per server so every member of a cluster has a client. */
    public int clients() {
        return params.clients().orElse(Math.max(1, servers.size()));
    }

    /**
     * Each server's monitor, in the order of {@link #servers()}. The target lists monitors "in server order", but SRV
     * returns servers in RFC 2782 order (random among equal weights): a configured monitor on the server's own address
     * is its monitor, whatever its position.
     */
    public List<ServerMonitor> monitors() {
        List<ServerMonitor> out = new ArrayList<>();
        for (int i = 0; i < servers.servers().size(); i++) {
            ServerAddress s = servers.servers().get(i);
            String address = target.resolve(s.host()).getHostAddress();
            int index = i;
            URI monitor = target.monitors().stream().filter(m -> address.equals(hostAddress(m))).findFirst()
                    .orElseGet(() -> target.monitorFor(s, index));
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
