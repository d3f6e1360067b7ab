package dev.mconats.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mconats.cluster.LocalDeployment;
import dev.mconats.cluster.LoopbackBlock;
import dev.mconats.mco.OutboundRequest;
import dev.mconats.mco.RejectReason;
import dev.mconats.mco.Reply;
import dev.mconats.mco.Request;
import dev.mconats.pki.KeyType;
import dev.mconats.targetmodel.Target;
import io.nats.client.Message;
import io.nats.client.Subscription;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Simulated nodes and a client on a real nats-server: OK/KO counting, TTL refusal, directed requests, envelopes. */
class FleetProtocolIT {
    private static final int NODES = 5;
    private static final String C = "mcollective";
    private static Path dir;
    private static LocalDeployment deployment;
    private static Fleet fleet;
    private static McoClient client;
    private static final List<SimulatedNode> nodes = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        dir = Files.createTempDirectory("fleet-protocol-it");
        deployment = LocalDeployment.builder(dir).size(1).addressPrefix(LoopbackBlock.free()).keyType(KeyType.EC_P256).start();
        Target target = deployment.target();
        ServerList servers = ServerList.discover(target, ThreadLocalRandom.current());
        fleet = new Fleet(new NatsRuntime(), FleetTls.of(target, Optional.empty(), Optional.empty(), false), FleetSpec.standard(),
                servers, ConnectionTuning.node(), ConnectionTuning.client(), Clock.systemUTC());
        NodeIdentities ids = NodeIdentities.of(NODES);
        for (int i = 0; i < NODES; i++) {
            SimulatedNode n = fleet.node(ids.identity(i));
            n.connect(servers.randomOrder(ThreadLocalRandom.current()));
            n.subscribe(Duration.ofSeconds(5));
            nodes.add(n);
        }
        client = fleet.connectClient("it-client", servers.startingAt(0));
    }

    @AfterAll
    static void stop() {
        try {
            if (fleet != null) {
                fleet.close();
                fleet.runtime().close();
            }
        } finally {
            if (deployment != null) {
                deployment.close();
            }
        }
    }

    /** As every node of a fleet is a host of its own, every simulated node connects from its own loopback address. */
    @Test
    void everyNodeConnectsFromAnAddressOfItsOwn() throws Exception {
        java.net.URI connz = deployment.target().monitors().get(0).resolve("/connz?limit=1000");
        String body = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(connz).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString()).body();
        List<String> nodeIps = new ArrayList<>();
        new com.fasterxml.jackson.databind.ObjectMapper().readTree(body).path("connections").forEach(c -> {
            if (c.path("name").asText().startsWith(NodeIdentities.DEFAULT_PREFIX)) {
                nodeIps.add(c.path("ip").asText());
            }
        });
        assertThat(nodeIps).hasSize(NODES).doesNotHaveDuplicates().allMatch(ip -> ip.startsWith("127.") && Integer.parseInt(ip.split("\\.")[1]) >= 128);
    }

    /**
     * The connect warm-up runs the real node code (TLS with a client certificate, CONNECT, SUBs, PONG) against the
     * injector's own endpoint: the run's server never sees one of its connections, and the fleet's counters do not move.
     */
    @Test
    void theConnectWarmupConnectsRealNodesToItsOwnEndpointNeverToTheRunsServer() throws Exception {
        long before = varz().path("total_connections").asLong();
        int open = fleet.openConnections();

        ConnectWarmup.Result r = fleet.warmUpConnectPath(120, 8);

        assertThat(r.connections()).isEqualTo(120);
        assertThat(r.ok()).as("warm-up nodes that went live").isEqualTo(120);
        assertThat(fleet.connectWarmup()).isEqualTo(r);
        assertThat(varz().path("total_connections").asLong()).as("connections the run's server accepted").isEqualTo(before);
        assertThat(fleet.state().live()).isEqualTo(NODES);
        assertThat(fleet.openConnections()).isEqualTo(open);
    }

    private static com.fasterxml.jackson.databind.JsonNode varz() throws Exception {
        java.net.URI varz = deployment.target().monitors().get(0).resolve("/varz");
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(java.net.http.HttpClient.newHttpClient()
                .send(java.net.http.HttpRequest.newBuilder(varz).build(), java.net.http.HttpResponse.BodyHandlers.ofString()).body());
    }

    @Test
    void everyNodeAnsweringIsOkTimedToTheLastReply() {
        assertThat(fleet.state().live()).isEqualTo(NODES);
        CallOutcome o = client.call(client.requests().discovery(C), NODES, Duration.ofSeconds(5)).join();
        assertThat(o.ok()).isTrue();
        assertThat(o.received()).isEqualTo(NODES);
        assertThat(o.missing()).isZero();
        assertThat(o.endMillis()).isGreaterThanOrEqualTo(o.firstReplyMillis()).isGreaterThanOrEqualTo(o.startMillis());
        assertThat(o.responseMillis()).isLessThan(5000);
    }

    @Test
    void aMissingReplyIsAKoAtTheDeadline() {
        CallOutcome o = client.call(client.requests().discovery(C), NODES + 1, Duration.ofSeconds(1)).join();
        assertThat(o.ok()).isFalse();
        assertThat(o.failure()).isEqualTo("got " + NODES + " of " + (NODES + 1));
        assertThat(o.responseMillis()).isGreaterThanOrEqualTo(1000);
    }

    @Test
    void requestsOutsideTheirTtlAreRefusedByEveryNode() throws Exception {
        long before = fleet.state().rejected(RejectReason.EXPIRED_TTL);
        Request stale = client.requests().newRequest(C, "discovery", "ping".getBytes(), dev.mconats.mco.Filter.EMPTY);
        stale = stale.withTime(stale.time() - 120); // ttl is 60 s
        OutboundRequest out = client.requests().encode(stale, List.of(dev.mconats.mco.Subjects.broadcast(C, "discovery")));
        CallOutcome o = client.call(out, NODES, Duration.ofSeconds(1)).join();
        assertThat(o.failure()).isEqualTo("got 0 of " + NODES);
        assertThat(fleet.state().rejected(RejectReason.EXPIRED_TTL) - before).isEqualTo(NODES);
    }

    @Test
    void aDirectedRequestReachesOnlyItsTargets() {
        long sent = fleet.state().repliesSent();
        List<String> targets = List.of(nodes.get(1).identity(), nodes.get(3).identity());
        CallOutcome o = client.call(client.requests().rpcPing(C, targets), 2, Duration.ofSeconds(5)).join();
        assertThat(o.ok()).isTrue();
        assertThat(o.received()).isEqualTo(2);
        // one more second for any stray reply to show up: there must be none
        client.call(client.requests().rpcPing(C, List.of(nodes.get(0).identity())), 1, Duration.ofSeconds(5)).join();
        assertThat(fleet.state().repliesSent() - sent).isEqualTo(3);
    }

    @Test
    void repliesAreRealV1EnvelopesThatDecodeAndVerify() throws Exception {
        OutboundRequest out = client.requests().rpcPing(C, List.of(nodes.get(2).identity()));
        Subscription sub = client.connection().subscribe(out.replySubject());
        client.connection().publish(out.subjects().get(0), out.payload());
        Message m = sub.nextMessage(Duration.ofSeconds(5));
        assertThat(m).isNotNull();
        Reply reply = fleet.codec().decodeReply(m.getData());
        assertThat(reply.requestId()).isEqualTo(out.request().requestId());
        assertThat(reply.senderId()).isEqualTo(nodes.get(2).identity());
        assertThat(reply.agent()).isEqualTo("rpcutil");
        assertThat(reply.bodyText()).contains("\"statuscode\":0").contains("\"pong\":");
        assertThat(new String(m.getData())).startsWith("{\"protocol\":\"choria:transport:1\"");
        sub.unsubscribe();
    }
}
