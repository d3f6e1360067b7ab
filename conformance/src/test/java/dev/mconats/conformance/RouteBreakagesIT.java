package dev.mconats.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mconats.cluster.LocalCluster;
import dev.mconats.cluster.LocalDeployment;
import dev.mconats.cluster.LoopbackBlock;
import dev.mconats.pki.FixturePki;
import dev.mconats.pki.KeyType;
import dev.mconats.targetmodel.TargetFile;
import dev.mconats.targetmodel.ServerAddress;
import dev.mconats.targetmodel.Target;
import dev.mconats.targetmodel.TargetKeys;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The route mesh broken: one node with the wrong route password; a cluster port without TLS; one without auth; one
 * on another port than the target file says, without auth; one that takes routes without a certificate (stand-in).
 */
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

    @Test
    void clusterPortMovedAndWithoutAuthorizationIsFoundThroughVarz() {
        // The target file still says route-port 4223; nothing listens there. The server's /varz names the real port.
        try (LocalDeployment d = LocalDeployment.builder(tmp).size(1).addressPrefix(LoopbackBlock.free()).keyType(KeyType.EC_P256)
                .override(1, n -> n.withClusterPort(4299).withRouteUser("")).start()) {
            SuiteResult r = ConformanceSuite.standard().run(d.target(), Settings.defaults());
            Outcomes.expect(r, Map.of("routes/tls-and-auth-required", Status.FAIL));
            assertThat(Outcomes.messages(r, "routes/tls-and-auth-required")).contains("asks for no credentials",
                    "the target's cluster.route-port is 4223 but the server's cluster port is 4299 (/varz)");
        }
    }

    @Test
    void clusterVerifyFalseIsStillEnforcedByNatsServer29() {
        // nats-server 2.9 verifies route peers whatever cluster { tls { verify } } says: the check sees a port that refuses.
        try (LocalDeployment d = LocalDeployment.builder(tmp).size(1).addressPrefix(LoopbackBlock.free()).keyType(KeyType.EC_P256)
                .override(1, n -> n.withClusterVerify(false)).start()) {
            SuiteResult r = ConformanceSuite.standard().only(List.of("routes")).run(d.target(), Settings.defaults());
            Outcomes.expect(r, Map.of());
            assertThat(Outcomes.messages(r, "routes/tls-and-auth-required")).contains("no client certificate refused in the handshake",
                    "a certificate from a CA minted by the suite");
            assertThat(Outcomes.check(r, "routes/tls-and-auth-required").results().get(0).evidence())
                    .anyMatch(l -> l.contains("tls_verify true"));
        }
    }

    @Test
    void aClusterPortThatTakesRoutesWithoutACertificateFailsWhenProbed() throws Exception {
        // Its /varz even claims tls_verify: the probes, not the claim, decide.
        try (Stand s = stand(4223, true, true)) {
            SuiteResult r = routesCheck(s.target());
            Outcomes.expect(r, Map.of("routes/tls-and-auth-required", Status.FAIL));
            assertThat(Outcomes.messages(r, "routes/tls-and-auth-required"))
                    .contains("with no client certificate got past the handshake (the server answered INFO",
                            "with a certificate from a CA minted by the suite", "got past the handshake");
            // route authorization stops the route later; getting past the handshake is a FAIL all the same
            assertThat(Outcomes.check(r, "routes/tls-and-auth-required").results().get(0).evidence())
                    .anyMatch(l -> l.contains("-ERR 'Authorization Violation'"));
        }
    }

    @Test
    void withoutProbingVarzSayingNoVerificationFails() throws Exception {
        try (Stand s = stand(4223, false, false)) {
            SuiteResult r = routesCheck(s.target());
            Outcomes.expect(r, Map.of("routes/tls-and-auth-required", Status.FAIL));
            assertThat(Outcomes.messages(r, "routes/tls-and-auth-required")).contains("does not verify route peers' certificates "
                    + "(/varz cluster.tls_verify false)", "judged from /varz; not probed: target.cluster.probe-routes = false");
        }
    }

    @Test
    void aClusterPortTheSuiteCannotReachIsInconclusive() throws Exception {
        // /varz names port 4299, where nothing listens: a port that cannot be dialled proves nothing, so SKIP, never PASS.
        try (Stand s = stand(4299, true, true)) {
            SuiteResult r = routesCheck(s.target());
            Outcomes.expect(r, Map.of("routes/tls-and-auth-required", Status.SKIP));
            assertThat(Outcomes.messages(r, "routes/tls-and-auth-required")).contains("inconclusive: cannot reach the cluster port",
                    ":4299 (the server's cluster port from /varz)");
        }
    }

    private record Stand(LaxRouteStandIn standIn, dev.mconats.targetmodel.Target target) implements AutoCloseable {
        @Override
        public void close() throws Exception {
            standIn.close();
        }
    }

    private Stand stand(int reportedPort, boolean varzTlsVerify, boolean probeRoutes) throws Exception {
        String ip = LoopbackBlock.free() + "11";
        FixturePki pki = FixturePki.builder(tmp.resolve("ssl")).keyType(KeyType.EC_P256).server("nats1.example.net", ip).generate();
        LaxRouteStandIn standIn = new LaxRouteStandIn(ip, pki.dir().read("nats1.example.net"), reportedPort, varzTlsVerify);
        Path file = Target.builder().set(TargetKeys.NAME, "lax route port")
                .set(TargetKeys.SERVERS, List.of(ServerAddress.parse("nats1.example.net:4222")))
                .set(TargetKeys.HOSTS, Map.of("nats1.example.net", ip))
                .set(TargetKeys.TLS_CA, pki.dir().caCert()).set(TargetKeys.TLS_CERT, pki.dir().cert(FixturePki.CLIENT))
                .set(TargetKeys.TLS_KEY, pki.dir().privateKey(FixturePki.CLIENT))
                .set(TargetKeys.CLUSTER_EXPECTED_SIZE, Optional.of(1)).set(TargetKeys.CLUSTER_PROBE_ROUTES, probeRoutes)
                .set(TargetKeys.CLUSTER_ROUTE_USER, "routes").build().write(tmp.resolve("target.conf"));
        return new Stand(standIn, TargetFile.load(file));
    }

    private static SuiteResult routesCheck(dev.mconats.targetmodel.Target t) {
        return ConformanceSuite.standard().only(List.of("routes/tls-and-auth-required")).run(t, Settings.defaults());
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
