package dev.mconats.containers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mconats.cluster.ClusterException;
import dev.mconats.cluster.LocalCluster;
import dev.mconats.cluster.LocalDeployment;
import dev.mconats.cluster.LoopbackBlock;
import dev.mconats.cluster.ProcessRegistry;
import dev.mconats.pki.KeyType;
import dev.mconats.targetmodel.NatsClientOptions;
import dev.mconats.targetmodel.ServerAddress;
import dev.mconats.targetmodel.Target;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Subscription;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The same deployments as the process launcher, with every nats-server in a container (host network). */
class ContainerDeploymentIT {
    @TempDir
    Path tmp;

    static String image;

    @BeforeAll
    static void dockerApi() {
        image = ContainersAvailable.requireOrSkip();
    }

    @Test
    void singleNodeInAContainer() throws Exception {
        try (LocalDeployment d = LocalDeployment.builder(tmp).size(1).addressPrefix(LoopbackBlock.free())
                .keyType(KeyType.EC_P256).launcher(new ContainerLauncher(image)).start()) {
            LocalCluster.Node n = d.cluster().node(1);
            assertThat(n.process().isAlive()).isTrue();
            assertThat(Files.readString(n.dir().resolve("container.id"))).isNotBlank();
            assertThat(Files.readString(n.log())).contains("Server is ready");
            roundTrip(d.target(), new ServerAddress("nats1.example.net", 4222));
        }
        assertThat(ProcessRegistry.live()).isEmpty();
    }

    @Test
    void threeNodeMeshInContainers() throws Exception {
        try (LocalDeployment d = LocalDeployment.builder(tmp).size(3).addressPrefix(LoopbackBlock.free())
                .keyType(KeyType.EC_P256).launcher(new ContainerLauncher(image)).start()) {
            for (LocalCluster.Node n : d.cluster().nodes()) {
                String routez = get(n.config().monitorUrl() + "/routez");
                assertThat(routez).contains("\"num_routes\": 2");
            }
            for (int i = 1; i <= 3; i++) {
                roundTrip(d.target(), new ServerAddress("nats" + i + ".example.net", 4222));
            }
            d.cluster().kill(2);
            assertThat(d.cluster().node(2).process().isAlive()).isFalse();
            d.cluster().restart(2);
            roundTrip(d.target(), new ServerAddress("nats2.example.net", 4222));
        }
        assertThat(ProcessRegistry.live()).isEmpty();
    }

    @Test
    void aBadConfigIsOneLineFromTheContainerLog() {
        assertThatThrownBy(() -> LocalDeployment.builder(tmp).size(1).addressPrefix(LoopbackBlock.free()).keyType(KeyType.EC_P256)
                .override(1, c -> c.withExtra("not valid {{{")).launcher(new ContainerLauncher(image)).start())
                .isInstanceOf(ClusterException.class)
                .hasMessageStartingWith("nats1.example.net container (" + image + ") did not start:")
                .hasMessageNotContaining("\n");
        assertThat(ProcessRegistry.live()).isEmpty();
    }

    static String get(String url) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
        return r.body();
    }

    static void roundTrip(Target t, ServerAddress server) throws Exception {
        try (Connection c = Nats.connect(NatsClientOptions.singleServer(t, server, t.tls().clientContext()).build())) {
            Subscription sub = c.subscribe("mcollective.node.probe");
            c.publish("mcollective.node.probe", "hi".getBytes(StandardCharsets.UTF_8));
            Message m = sub.nextMessage(Duration.ofSeconds(5));
            assertThat(m).as("round trip through " + server).isNotNull();
        }
    }
}
