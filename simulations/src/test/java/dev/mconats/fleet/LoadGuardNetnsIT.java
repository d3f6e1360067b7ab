package dev.mconats.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.mconats.cluster.DnsFixture;
import dev.mconats.cluster.LocalDeployment;
import dev.mconats.cluster.LoopbackBlock;
import dev.mconats.gatling.internal.InjectorStats;
import dev.mconats.gatling.internal.NatsRun;
import dev.mconats.gatling.internal.RunControl;
import dev.mconats.pki.KeyType;
import dev.mconats.targetmodel.Target;
import dev.mconats.targetmodel.TargetException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each way load could slip past the loopback guard, tried against real nats-servers and a real DNS, and refused.
 * Runs only in a private network namespace (failsafe execution "netns", see simulations/pom.xml): only loopback
 * exists there, so even a broken guard could not send a packet to the documentation addresses (192.0.2.x) used here.
 */
class LoadGuardNetnsIT {
    private static final String OUTSIDE = "192.0.2.10";

    @BeforeAll
    static void onlyInAPrivateNetworkNamespace() throws Exception {
        assumeTrue("required".equals(System.getProperty("mconats.netns")),
                "runs in the failsafe execution 'netns' only (a private network namespace)");
        List<String> up = new ArrayList<>();
        for (NetworkInterface i : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (i.isUp()) {
                up.add(i.getName());
            }
        }
        assertThat(up).as("network interfaces up in this namespace").containsExactly("lo");
    }

    private static Fleet fleet(Target target, ServerList servers) {
        return new Fleet(new NatsRuntime(1), FleetTls.of(target, Optional.empty(), Optional.empty(), false), FleetSpec.standard(),
                servers, ConnectionTuning.node(), ConnectionTuning.client(), Clock.systemUTC());
    }

    private static void close(Fleet f) {
        f.close();
        f.runtime().close();
    }

    @Test
    void aServerTheClusterGossipsOutsideLoopbackIsNeverUsedByNodesOrClients(@TempDir Path dir) throws Exception {
        // member 2 advertises an address outside loopback to clients; the target's SRV names member 1 only
        try (LocalDeployment d = LocalDeployment.builder(dir).size(2).addressPrefix(LoopbackBlock.free()).keyType(KeyType.EC_P256)
                .override(2, c -> c.withExtra("client_advertise: \"" + OUTSIDE + ":4222\""))
                .srv(list -> List.of(list.get(0))).start()) {
            Target t = d.target();
            ServerList servers = ServerList.discover(t, ThreadLocalRandom.current());
            assertThat(servers.urls()).hasSize(1);
            Fleet f = fleet(t, servers);
            try {
                SimulatedNode node = f.node("node00000.sim.example.net");
                node.connect(servers.randomOrder(ThreadLocalRandom.current()));
                McoClient client = f.connectClient("guard-client", servers.startingAt(0));
                // both heard member 1's INFO, whose connect_urls name member 2 at its advertised address
                long deadline = System.currentTimeMillis() + 10_000;
                while (servers.scope().refusedGossip() < 2 && System.currentTimeMillis() < deadline) {
                    Thread.sleep(50);
                }
                assertThat(servers.scope().refusedGossipUrls()).containsExactly(OUTSIDE + ":4222");
                assertThat(servers.scope().refusedGossip()).isGreaterThanOrEqualTo(2);
                assertThat(node.serverOrder()).isNotEmpty().noneMatch(u -> u.contains(OUTSIDE));
                assertThat(client.connection().getServers()).isNotEmpty().noneMatch(u -> u.contains(OUTSIDE));

                // member 1 goes away: both reconnect, over the servers they were allowed, never the gossiped one
                d.cluster().kill(1);
                long down = System.currentTimeMillis() + 10_000;
                while (f.state().down() < 1 && System.currentTimeMillis() < down) {
                    Thread.sleep(50);
                }
                assertThat(f.state().down()).isEqualTo(1);
                Thread.sleep(2_000); // an immediate pass and a backoff pass
                assertThat(node.serverOrder()).noneMatch(u -> u.contains(OUTSIDE));
                assertThat(client.connection().getServers()).noneMatch(u -> u.contains(OUTSIDE));
                assertThatThrownBy(() -> servers.address("tls://" + OUTSIDE + ":4222")).isInstanceOf(IllegalArgumentException.class);
            } finally {
                close(f);
            }
        }
    }

    @Test
    void aNameWithMixedAnswersInDnsIsRefusedBeforeAnyConnection(@TempDir Path dir) throws Exception {
        String prefix = LoopbackBlock.free();
        try (LocalDeployment d = LocalDeployment.builder(dir).size(1).addressPrefix(prefix).keyType(KeyType.EC_P256)
                .extraHost("mixed.example.net", prefix + "11").extraHost("mixed.example.net", OUTSIDE)
                .srv(list -> list.stream().map(s -> new DnsFixture.Srv(s.service(), "mixed.example.net", s.port(), s.priority(),
                        s.weight())).toList()).start()) {
            Target t = d.target();
            assertThat(t.resolveAll("mixed.example.net")).extracting(InetAddress::getHostAddress)
                    .containsExactlyInAnyOrder(prefix + "11", OUTSIDE);

            assertThatThrownBy(() -> ServerList.discover(t, ThreadLocalRandom.current())).isInstanceOf(TargetException.class)
                    .hasMessageContaining("mixed.example.net:4222 resolves to [" + OUTSIDE + "]");
        }
    }

    @Test
    void eachServerNameIsResolvedOnceAndEveryConnectionGoesToTheAddressThatWasChecked(@TempDir Path dir) throws Exception {
        try (LocalDeployment d = LocalDeployment.builder(dir).size(1).addressPrefix(LoopbackBlock.free()).keyType(KeyType.EC_P256)
                .start()) {
            Target t = d.target();
            AtomicInteger lookups = new AtomicInteger();
            ServerList servers = ServerList.discover(t, new LoadScope(LoadScope.OptIn.NONE, h -> {
                lookups.incrementAndGet();
                return t.resolveAll(h);
            }), ThreadLocalRandom.current());
            Fleet f = fleet(t, servers);
            try {
                List<SimulatedNode> nodes = new ArrayList<>();
                for (int i = 0; i < 3; i++) {
                    SimulatedNode n = f.node("node0000" + i + ".sim.example.net");
                    n.connect(servers.randomOrder(ThreadLocalRandom.current()));
                    nodes.add(n);
                }
                f.connectClient("guard-client", servers.startingAt(0)).close();

                assertThat(lookups).hasValue(1); // one name, one lookup: nodes and client used the checked address
                assertThat(nodes).extracting(SimulatedNode::server).containsOnly(servers.urls().get(0));
                assertThat(f.state().liveByServer()).containsExactly(java.util.Map.entry(servers.urls().get(0), 3));
            } finally {
                close(f);
            }
        }
    }

    @Test
    void codeThatBuildsAFleetDirectlyCannotConnectAnywhereElse(@TempDir Path dir) throws Exception {
        try (LocalDeployment d = LocalDeployment.builder(dir).size(1).addressPrefix(LoopbackBlock.free()).keyType(KeyType.EC_P256)
                .start()) {
            Target t = d.target();
            ServerList servers = ServerList.discover(t, ThreadLocalRandom.current());
            Fleet f = fleet(t, servers);
            try {
                String[] elsewhere = {"tls://" + OUTSIDE + ":4222"};
                assertThatThrownBy(() -> f.node("node00000.sim.example.net").connectAsync(elsewhere))
                        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not one of the run's checked servers");
                assertThatThrownBy(() -> f.connectClient("elsewhere", elsewhere)).isInstanceOf(IllegalArgumentException.class);
                // a NatsRun (what NatsDsl.nats takes) is built over a Fleet, so its nodes pass the same guard
                NatsRun run = new NatsRun(f, new NodeIdentities(NodeIdentities.DEFAULT_PREFIX, NodeIdentities.DEFAULT_DOMAIN,
                        2, 0, 1), new RunControl(1), new InjectorStats(List.of()), 1, Duration.ofSeconds(1),
                        Duration.ofSeconds(1), false);
                assertThatThrownBy(() -> run.nextNode().connectAsync(elsewhere)).isInstanceOf(IllegalArgumentException.class)
                        .hasMessageContaining("not one of the run's checked servers");
                assertThat(f.openConnections()).isZero();
                assertThat(f.node("node00001.sim.example.net").connectAsync(servers.randomOrder(ThreadLocalRandom.current()))
                        .get(10, java.util.concurrent.TimeUnit.SECONDS)).isNull();
                assertThat(f.state().live()).isEqualTo(1);
            } finally {
                close(f);
            }
        }
    }
}
