package dev.mconats.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mconats.cluster.LocalDeployment;
import dev.mconats.cluster.LoopbackBlock;
import dev.mconats.pki.KeyType;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The seed deployment, done right: every check PASSes, on one node and on the recommended 3-node mesh. */
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

            // Against staging the suite has no CA key and may not dial route ports: those checks SKIP and say why.
            SuiteResult staging = ConformanceSuite.standard().run(TargetVariants.write(d, tmp.resolve("staging.conf"), "as staging",
                    List.of(), false, false), Settings.defaults());
            Outcomes.expect(staging, Map.of("tls/expired-client-cert-rejected", Status.SKIP,
                    "tls/not-yet-valid-client-cert-rejected", Status.SKIP, "routes/tls-and-auth-required", Status.SKIP));
            assertThat(Outcomes.messages(staging, "tls/expired-client-cert-rejected")).contains("needs the CA key", "tls.ca-key");
            assertThat(Outcomes.messages(staging, "routes/tls-and-auth-required")).contains("probe-routes = false");
            assertThat(staging.exitCode()).isZero();
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
}
