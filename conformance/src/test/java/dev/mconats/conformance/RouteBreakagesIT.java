package dev.mconats.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mconats.cluster.LocalCluster;
import dev.mconats.cluster.LocalDeployment;
import dev.mconats.cluster.LoopbackBlock;
import dev.mconats.pki.KeyType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The route mesh broken: one node with the wrong route password; a cluster port without TLS; one without auth. */
class RouteBreakagesIT {
    @TempDir
    Path tmp;

    @Test
    void wrongRoutePasswordCutsOneNodeOffTheMesh() throws Exception {
        try (LocalDeployment d = LocalDeployment.builder(tmp).size(3).addressPrefix(LoopbackBlock.free()).keyType(KeyType.EC_P256)
                .override(3, n -> n.withRoutePassword("not-the-secret")).cluster(b -> b.awaitFullMesh(false)).start()) {
            awaitRoutes(d.cluster().node(1), 1);
            awaitRoutes(d.cluster().node(2), 1);
            SuiteResult r = ConformanceSuite.standard().run(d.target(), Settings.defaults());
            Outcomes.expect(r, Map.of("routes/full-mesh", Status.FAIL, "routes/cross-delivery", Status.FAIL,
                    "routes/client-gossip", Status.FAIL, "srv/targets-match-cluster", Status.FAIL));
            assertThat(Outcomes.messages(r, "routes/full-mesh")).contains("no route to nats3.example.net:4222");
            assertThat(Outcomes.nodes(r, "routes/cross-delivery", Status.PASS))
                    .containsExactlyInAnyOrder("nats1.example.net:4222 -> nats2.example.net:4222", "nats2.example.net:4222 -> nats1.example.net:4222");
            assertThat(Outcomes.nodes(r, "routes/cross-delivery", Status.FAIL)).hasSize(4).allMatch(p -> p.contains("nats3"));
            assertThat(Outcomes.messages(r, "srv/targets-match-cluster")).contains("nats3.example.net:4222 (answers, but is not routed");
            assertThat(Outcomes.nodes(r, "routes/tls-and-auth-required", Status.PASS)).hasSize(3);
        }
    }

    @Test
    void clusterPortWithoutTls() {
        try (LocalDeployment d = LocalDeployment.builder(tmp).size(1).addressPrefix(LoopbackBlock.free()).keyType(KeyType.EC_P256)
                .override(1, n -> n.withClusterTls(false)).start()) {
            SuiteResult r = ConformanceSuite.standard().run(d.target(), Settings.defaults());
            Outcomes.expect(r, Map.of("routes/tls-and-auth-required", Status.FAIL));
            assertThat(Outcomes.messages(r, "routes/tls-and-auth-required")).contains("speaks plaintext").doesNotContain("wrong password was answered");
        }
    }

    @Test
    void clusterPortWithoutAuthorization() {
        try (LocalDeployment d = LocalDeployment.builder(tmp).size(1).addressPrefix(LoopbackBlock.free()).keyType(KeyType.EC_P256)
                .override(1, n -> n.withRouteUser("")).start()) {
            SuiteResult r = ConformanceSuite.standard().run(d.target(), Settings.defaults());
            Outcomes.expect(r, Map.of("routes/tls-and-auth-required", Status.FAIL));
            assertThat(Outcomes.messages(r, "routes/tls-and-auth-required"))
                    .contains("asks for no credentials", "wrong password was answered with PONG").doesNotContain("plaintext");
        }
    }

    /** The broken node keeps the others from a full mesh, so the harness cannot wait for one: wait for the healthy pair. */
    private static void awaitRoutes(LocalCluster.Node node, int routes) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (System.nanoTime() < deadline) {
            String body = http.send(HttpRequest.newBuilder(URI.create(node.config().monitorUrl() + "/routez")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            if (body.matches("(?s).*\"num_routes\":\\s*[" + routes + "-9].*")) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError(node.config().name() + " did not get " + routes + " route(s)");
    }
}
