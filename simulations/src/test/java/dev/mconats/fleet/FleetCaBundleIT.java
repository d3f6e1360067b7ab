package dev.mconats.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mconats.cluster.LocalDeployment;
import dev.mconats.cluster.LoopbackBlock;
import dev.mconats.pki.KeyType;
import dev.mconats.pki.Pem;
import dev.mconats.targetmodel.Target;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/**
 * A Puppet 6+ CA (ca.pem = intermediate + root) works for load as a single CA does: nodes and client trust the whole
 * bundle for TLS, and the nodes verify requests signed with a certificate the intermediate issued. The bundle is read
 * root first here, so that trusting only its first certificate would fail.
 */
class FleetCaBundleIT {
    @Test
    void aFleetUnderAnIntermediateCaConnectsAndAnswersDiscovery() throws Exception {
        Path dir = Files.createTempDirectory("fleet-ca-bundle-it");
        try (LocalDeployment d = LocalDeployment.builder(dir).size(1).addressPrefix(LoopbackBlock.free()).keyType(KeyType.EC_P256)
                .intermediateCa(true).start()) {
            Path ca = d.target().tls().ca();
            List<X509Certificate> bundle = Pem.readCertificates(ca);
            Pem.writeCertificates(ca, bundle.get(1), bundle.get(0)); // the servers loaded it at start; only the suite reads it again
            Target target = d.target();
            FleetTls tls = FleetTls.of(target, Optional.empty(), Optional.empty(), true); // one certificate per node, from the intermediate
            assertThat(tls.ca()).hasSize(2);
            ServerList servers = ServerList.discover(target, ThreadLocalRandom.current());
            Fleet fleet = new Fleet(new NatsRuntime(), tls, FleetSpec.standard(), servers, ConnectionTuning.node(), ConnectionTuning.client(),
                    Clock.systemUTC());
            try {
                NodeIdentities ids = NodeIdentities.of(3);
                for (int i = 0; i < 3; i++) {
                    SimulatedNode n = fleet.node(ids.identity(i));
                    n.connect(servers.randomOrder(ThreadLocalRandom.current()));
                    n.subscribe(Duration.ofSeconds(5));
                }
                McoClient client = fleet.connectClient("bundle-client", servers.startingAt(0));
                CallOutcome o = client.call(client.requests().discovery("mcollective"), 3, Duration.ofSeconds(5)).join();
                assertThat(o.ok()).as(o.failure()).isTrue();
                assertThat(o.received()).isEqualTo(3);
            } finally {
                fleet.close();
                fleet.runtime().close();
            }
        }
    }
}
