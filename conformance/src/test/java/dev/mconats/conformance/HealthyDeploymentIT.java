package dev.mconats.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mconats.cluster.LocalDeployment;
import dev.mconats.cluster.LoopbackBlock;
import dev.mconats.pki.FixturePki;
import dev.mconats.pki.KeyType;
import dev.mconats.pki.Pem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seed deployment, done right: every check PASSes, on one node and on the recommended 3-node mesh, also with a
 * Puppet 6+ CA (an intermediate under a root, ca.pem holding both) and a server sending its chain out of order.
 */
class HealthyDeploymentIT {
    @TempDir
    Path tmp;

    @Test
    void singleNodePassesEverything() {
        try (LocalDeployment d = LocalDeployment.builder(tmp).size(1).addressPrefix(LoopbackBlock.free()).keyType(KeyType.EC_P256).start()) {
            SuiteResult r = ConformanceSuite.standard().run(d.target(), Settings.defaults());
            Outcomes.expect(r, Map.of());
            assertThat(r.results()).allSatisfy(x -> assertThat(x.status()).as(x.testName() + " " + x.message()).isEqualTo(Status.PASS));
            assertThat(r.exitCode()).isZero();

            // Against staging the suite has no CA key and may not dial route ports: those checks SKIP and say why, and
            // the run says "PASSED with 3 SKIPPED", not "PASSED". The file leaves out cluster.expected-size too.
            SuiteResult staging = ConformanceSuite.standard().run(TargetVariants.write(d, tmp.resolve("staging.conf"), "as staging",
                    List.of(), false, false, 0), Settings.defaults());
            Outcomes.expect(staging, Map.of("tls/expired-client-cert-rejected", Status.SKIP,
                    "tls/not-yet-valid-client-cert-rejected", Status.SKIP, "routes/tls-and-auth-required", Status.SKIP));
            assertThat(Outcomes.messages(staging, "tls/expired-client-cert-rejected")).contains("needs the CA key", "tls.ca-key");
            assertThat(Outcomes.messages(staging, "routes/tls-and-auth-required")).contains("/varz reports TLS with peer verification",
                    "not probed: target.cluster.probe-routes = false");
            assertThat(Outcomes.check(staging, "routes/full-mesh").results().get(0).evidence())
                    .anyMatch(l -> l.contains("expected mesh size 1 (cluster.expected-size not set: the number of distinct servers found"));
            assertThat(staging.headline()).isEqualTo("PASSED with 3 SKIPPED");
            assertThat(staging.exitCode()).isZero();
            assertThat(ConformanceSuite.standard().run(d.target(), Settings.defaults().withStrict(true)).exitCode()).isZero();
        }
    }

    @Test
    void threeNodeMeshPassesEverythingOnEveryNode() {
        try (LocalDeployment d = LocalDeployment.builder(tmp).size(3).addressPrefix(LoopbackBlock.free()).keyType(KeyType.EC_P256).start()) {
            SuiteResult r = ConformanceSuite.standard().run(d.target(), Settings.defaults());
            Outcomes.expect(r, Map.of());
            assertThat(r.results()).allSatisfy(x -> assertThat(x.status()).as(x.testName() + " " + x.message()).isEqualTo(Status.PASS));
            // per node where it applies: 3 nodes, 6 ordered pairs, record set + 3 targets
            assertThat(Outcomes.check(r, "tls/plaintext-rejected").results()).hasSize(3);
            assertThat(Outcomes.check(r, "routes/cross-delivery").results()).hasSize(6);
            assertThat(Outcomes.check(r, "srv/records-present").results()).hasSize(4);
        }
    }

    @Test
    void threeNodeMeshWithAnIntermediateCaPassesEverything() {
        try (LocalDeployment d = LocalDeployment.builder(tmp).size(3).addressPrefix(LoopbackBlock.free()).keyType(KeyType.EC_P256)
                .intermediateCa(true).start()) {
            assertThat(Pem.readCertificates(d.target().tls().ca())).hasSize(2);
            SuiteResult r = ConformanceSuite.standard().run(d.target(), Settings.defaults());
            Outcomes.expect(r, Map.of());
            assertThat(r.headline()).isEqualTo("PASSED");
            assertThat(Outcomes.check(r, "tls/server-cert-valid").results().get(0).evidence())
                    .contains("note: path built: nats1.example.net <- Puppet CA: mco-nats-suite (the target's CA)");

            // the same bundle read root first: every certificate of it is trusted, not only the first
            List<X509Certificate> bundle = Pem.readCertificates(d.target().tls().ca());
            Pem.writeCertificates(d.target().tls().ca(), bundle.get(1), bundle.get(0)); // the servers read it at start
            Outcomes.expect(ConformanceSuite.standard().run(d.target(), Settings.defaults()), Map.of());
        }
    }

    @Test
    void aServerSendingItsChainOutOfOrderWithAnExtraCertificatePasses() throws Exception {
        // leaf, an unrelated CA certificate, then the intermediate: Go clients build the path anyway, and so does the suite
        try (LocalDeployment d = LocalDeployment.builder(tmp).size(1).addressPrefix(LoopbackBlock.free()).keyType(KeyType.EC_P256)
                .intermediateCa(true).override(1, n -> n.withServerCert(muddledChain(n.certFile(), n.caFile(),
                        n.certFile().resolveSibling(FixturePki.ROGUE_CA + ".pem")), n.keyFile())).start()) {
            SuiteResult r = ConformanceSuite.standard().run(d.target(), Settings.defaults());
            Outcomes.expect(r, Map.of());
            assertThat(Outcomes.check(r, "tls/server-cert-valid").results().get(0).evidence())
                    .anyMatch(l -> l.contains("chain of 3")).anyMatch(l -> l.contains("2 certificate(s) sent but not needed")); // the intermediate is itself trusted
        }
    }

    private static Path muddledChain(Path leafFile, Path bundle, Path unrelated) {
        try {
            Path out = leafFile.resolveSibling("muddled-" + leafFile.getFileName());
            Files.writeString(out, Files.readString(leafFile) + Files.readString(unrelated)
                    + Pem.toPem(Pem.readCertificates(bundle).get(0)));
            return out;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
