package dev.mconats.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mconats.cluster.LocalDeployment;
import dev.mconats.cluster.LoopbackBlock;
import dev.mconats.pki.KeyType;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A server that cannot hold the fleet: max_connections 100 against an expected fleet of 1,000, and 512 KiB payloads. */
class MonitorBreakagesIT {
    @TempDir
    Path tmp;

    @Test
    void maxConnectionsBelowTheFleetFailsTheLimitsAndTheSpread() {
        try (LocalDeployment d = LocalDeployment.builder(tmp).size(1).addressPrefix(LoopbackBlock.free()).keyType(KeyType.EC_P256)
                .expectedFleetSize(1000).override(1, n -> n.withMaxConnections(100).withExtra("max_payload: 524288")).start()) {
            SuiteResult r = ConformanceSuite.standard().run(d.target(), Settings.defaults());
            Outcomes.expect(r, Map.of("monitor/limits", Status.FAIL, "srv/load-spread", Status.FAIL));
            assertThat(Outcomes.messages(r, "monitor/limits")).contains("max_connections 100 is below the expected fleet size 1000",
                    "max_payload 524288 is below 1 MB");
            // the only server gets every first connection: the SRV data cannot spread the fleet either
            assertThat(Outcomes.messages(r, "srv/load-spread")).contains("would get 1000 of 1000 nodes' first connections but accepts max_connections 100");
        }
    }
}
