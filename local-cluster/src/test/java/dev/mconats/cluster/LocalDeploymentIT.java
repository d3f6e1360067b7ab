package dev.mconats.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mconats.pki.KeyType;
import dev.mconats.srv.Dns;
import dev.mconats.srv.SrvRecord;
import dev.mconats.targetmodel.NatsClientOptions;
import dev.mconats.targetmodel.ServerAddress;
import dev.mconats.targetmodel.Target;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Subscription;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Starts real nats-server and dnsmasq processes on loopback. */
class LocalDeploymentIT {
    @TempDir
    Path tmp;

    @Test
    void singleNodeAcceptsAVerifiedTlsClient() throws Exception {
        try (LocalDeployment d = LocalDeployment.builder(tmp).size(1).addressPrefix(LoopbackBlock.free())
                .keyType(KeyType.EC_P256).start()) {
            Target t = d.target();
            List<ServerAddress> servers = t.discoverServers(new Random(1));
            assertThat(servers).containsExactly(new ServerAddress("nats1.example.net", 4222));
            roundTrip(t, servers.get(0));
            String conf = Files.readString(d.cluster().node(1).configFile());
            assertThat(conf).contains("verify: true", "timeout: 2", "port: 4222", "monitor_port: 8222", "port: 4223");
        }
    }

    @Test
    void threeNodeClusterIsAFullMeshFoundThroughSrv() throws Exception {
        String prefix = LoopbackBlock.free();
        List<Long> pids;
        try (LocalDeployment d = LocalDeployment.builder(tmp).size(3).addressPrefix(prefix).keyType(KeyType.EC_P256).start()) {
            pids = d.cluster().nodes().stream().map(n -> n.process().pid()).toList();
            for (LocalCluster.Node n : d.cluster().nodes()) {
                assertThat(Monitor.numRoutes(n.config().monitorUrl())).as(n.config().name()).isEqualTo(2);
                String routez = Monitor.get(n.config().monitorUrl(), "/routez").orElseThrow();
                // nats-server 2.9's /routez names peers by server_id only: match them against each peer's /varz.
                d.cluster().nodes().stream().filter(o -> o != n)
                        .forEach(o -> assertThat(routez).contains("\"remote_id\": \"" + serverId(o) + "\""));
            }
            Target t = d.target();
            Dns dns = t.dns();
            List<SrvRecord> srv = dns.srv("_mcollective-server._tcp.example.net");
            assertThat(srv).extracting(SrvRecord::target)
                    .containsExactlyInAnyOrder("nats1.example.net", "nats2.example.net", "nats3.example.net");
            assertThat(srv).allMatch(r -> r.port() == 4222 && r.priority() == 0 && r.weight() == 0);
            assertThat(dns.addresses("nats2.example.net")).extracting(a -> a.getHostAddress()).containsExactly(prefix + "12");
            assertThat(dns.srv("_mcollective-server._tcp.nowhere.example.net")).isEmpty();
            for (ServerAddress s : t.discoverServers(new Random(2))) {
                roundTrip(t, s);
            }
            crossRoute(t);
        }
        assertThat(pids).allSatisfy(pid -> assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse());
        assertThat(ProcessRegistry.live()).isEmpty();
    }

    @Test
    void portClashIsAClearError() throws Exception {
        String prefix = LoopbackBlock.free();
        try (ServerSocket squatter = new ServerSocket()) {
            squatter.bind(new InetSocketAddress(prefix + "11", 4222));
            assertThatThrownBy(() -> LocalDeployment.builder(tmp).size(1).addressPrefix(prefix).keyType(KeyType.EC_P256).start())
                    .isInstanceOf(ClusterException.class)
                    .hasMessage(prefix + "11:4222 (nats1.example.net client port) is already in use — another deployment running? try 'mco-nats local down'");
        }
        assertThat(ProcessRegistry.live()).as("the DNS fixture started before the clash is stopped again").isEmpty();
    }

    @Test
    void aNodeThatCannotStartIsReportedWithItsLogAndNothingIsLeft() {
        String prefix = LoopbackBlock.free();
        assertThatThrownBy(() -> LocalDeployment.builder(tmp).size(2).addressPrefix(prefix).keyType(KeyType.EC_P256)
                .override(2, c -> c.withExtra("this is not valid config {{{")).start())
                .isInstanceOf(ClusterException.class)
                .hasMessageStartingWith("nats2.example.net exited at start:");
        assertThat(ProcessRegistry.live()).isEmpty();
    }

    @Test
    void brokenMeshIsDetectedByTheHarnessUnlessAskedNotToWait() {
        String prefix = LoopbackBlock.free();
        try (LocalDeployment d = LocalDeployment.builder(tmp).size(3).addressPrefix(prefix).keyType(KeyType.EC_P256)
                .override(3, c -> c.withRoutePassword("wrong"))
                .cluster(b -> b.awaitFullMesh(false)).start()) {
            // Nodes 1 and 2 mesh with each other (polled: route set-up is asynchronous and slow on a loaded machine) ...
            long deadline = System.nanoTime() + java.time.Duration.ofSeconds(20).toNanos();
            while (Monitor.numRoutes(d.cluster().node(1).config().monitorUrl()) < 1 && System.nanoTime() < deadline) {
                DnsFixture.sleep(100);
            }
            assertThat(Monitor.numRoutes(d.cluster().node(1).config().monitorUrl())).isEqualTo(1);
            // ... while node 3, with the wrong password, stays outside even after repeated attempts.
            DnsFixture.sleep(1500);
            assertThat(Monitor.numRoutes(d.cluster().node(3).config().monitorUrl())).isZero();
            assertThat(Monitor.numRoutes(d.cluster().node(1).config().monitorUrl())).isEqualTo(1);
        }
    }

    @Test
    void killAndRestartAMember() throws Exception {
        try (LocalDeployment d = LocalDeployment.builder(tmp).size(3).addressPrefix(LoopbackBlock.free()).keyType(KeyType.EC_P256).start()) {
            d.cluster().kill(2);
            assertThat(d.cluster().node(2).process().isAlive()).isFalse();
            d.cluster().restart(2);
            assertThat(d.cluster().node(2).process().isAlive()).isTrue();
            roundTrip(d.target(), new ServerAddress("nats2.example.net", 4222));
        }
    }

    static String serverId(LocalCluster.Node n) {
        String varz = Monitor.get(n.config().monitorUrl(), "/varz").orElseThrow();
        var m = java.util.regex.Pattern.compile("\"server_id\"\\s*:\\s*\"([A-Z0-9]+)\"").matcher(varz);
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    static void roundTrip(Target t, ServerAddress server) throws Exception {
        try (Connection c = Nats.connect(NatsClientOptions.singleServer(t, server, t.tls().clientContext()).build())) {
            Subscription sub = c.subscribe("mcollective.node.probe");
            c.publish("mcollective.node.probe", "hello".getBytes(StandardCharsets.UTF_8));
            Message m = sub.nextMessage(Duration.ofSeconds(5));
            assertThat(m).as("message through " + server).isNotNull();
            assertThat(new String(m.getData(), StandardCharsets.UTF_8)).isEqualTo("hello");
            assertThat(c.getServerInfo().isTLSRequired()).isTrue();
        }
    }

    /** A subscriber on node 1 receives what is published on node 3: the routes carry traffic. */
    static void crossRoute(Target t) throws Exception {
        ServerAddress a = new ServerAddress("nats1.example.net", 4222);
        ServerAddress b = new ServerAddress("nats3.example.net", 4222);
        try (Connection sub = Nats.connect(NatsClientOptions.singleServer(t, a, t.tls().clientContext()).build());
             Connection pub = Nats.connect(NatsClientOptions.singleServer(t, b, t.tls().clientContext()).build())) {
            Subscription s = sub.subscribe("mcollective.broadcast.agent.discovery");
            sub.flush(Duration.ofSeconds(2));
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            Message m = null;
            while (m == null && System.nanoTime() < deadline) {
                pub.publish("mcollective.broadcast.agent.discovery", "ping".getBytes(StandardCharsets.UTF_8));
                m = s.nextMessage(Duration.ofMillis(200)); // interest propagates over the route asynchronously
            }
            assertThat(m).as("message from nats3 to a subscriber on nats1").isNotNull();
        }
    }

}
