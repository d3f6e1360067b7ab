package dev.mconats.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mconats.cluster.DnsFixture;
import dev.mconats.cluster.LocalDeployment;
import dev.mconats.cluster.LoopbackBlock;
import dev.mconats.pki.KeyType;
import dev.mconats.targetmodel.Target;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SRV records that do not describe the cluster: a stale extra target, a wrong port, none at all. */
class SrvBreakagesIT {
    private static final String SERVICE = "_mcollective-server._tcp.example.net";

    @TempDir
    Path tmp;

    @Test
    void recordForAServerThatIsNotAMember() {
        String prefix = LoopbackBlock.free();
        try (LocalDeployment d = LocalDeployment.builder(tmp).size(3).addressPrefix(prefix).keyType(KeyType.EC_P256)
                .srv(list -> {
                    List<DnsFixture.Srv> out = new ArrayList<>(list);
                    out.add(new DnsFixture.Srv(SERVICE, "nats4.example.net", 4222, 0, 0)); // decommissioned, record left behind
                    return out;
                })
                .extraHost("nats4.example.net", prefix + "14").start()) {
            SuiteResult r = ConformanceSuite.standard().run(d.target(), Settings.defaults());
            Outcomes.expect(r, Map.of("srv/records-present", Status.FAIL, "srv/targets-match-cluster", Status.FAIL));
            assertThat(Outcomes.nodes(r, "srv/records-present", Status.FAIL)).containsExactly("nats4.example.net:4222");
            assertThat(Outcomes.messages(r, "srv/targets-match-cluster")).contains("not members: nats4.example.net:4222");
            assertThat(Outcomes.check(r, "tls/plaintext-rejected").results()).hasSize(3); // nats4 left out of per-node checks
        }
    }

    @Test
    void recordWithTheRoutePortInsteadOfTheClientPort() {
        try (LocalDeployment d = LocalDeployment.builder(tmp).size(3).addressPrefix(LoopbackBlock.free()).keyType(KeyType.EC_P256)
                .srv(list -> list.stream().map(s -> s.target().startsWith("nats2.")
                        ? new DnsFixture.Srv(s.service(), s.target(), 4223, s.priority(), s.weight()) : s).toList())
                .start()) {
            SuiteResult r = ConformanceSuite.standard().run(d.target(), Settings.defaults());
            Outcomes.expect(r, Map.of("srv/records-present", Status.FAIL, "srv/targets-match-cluster", Status.FAIL));
            assertThat(Outcomes.nodes(r, "srv/records-present", Status.FAIL)).containsExactly("nats2.example.net:4223");
            assertThat(Outcomes.messages(r, "srv/records-present")).contains("not a NATS client port");
            assertThat(Outcomes.messages(r, "srv/targets-match-cluster"))
                    .contains("not members: nats2.example.net:4223", "members without an SRV record: server ");
        }
    }

    @Test
    void noRecordsAtAll() {
        try (LocalDeployment d = LocalDeployment.builder(tmp).size(3).addressPrefix(LoopbackBlock.free()).keyType(KeyType.EC_P256)
                .srv(list -> List.of()).start()) {
            // Found through SRV only: nodes would fall back to puppet:4222, which does not exist here. One clear error.
            assertThatThrownBy(() -> ConformanceSuite.standard().run(d.target(), Settings.defaults()))
                    .isInstanceOf(TargetUnreachableException.class)
                    .hasMessageContaining("no SRV records for " + SERVICE)
                    .hasMessageContaining("puppet:4222 does not resolve")
                    .hasMessageNotContaining("\n");

            // Servers listed explicitly, SRV still expected: exactly the SRV checks fail, the cluster itself passes.
            SuiteResult r = ConformanceSuite.standard().run(withExplicitServers(d), Settings.defaults());
            Outcomes.expect(r, Map.of("srv/records-present", Status.FAIL, "srv/targets-match-cluster", Status.FAIL,
                    "srv/rfc2782-order", Status.SKIP));
            assertThat(Outcomes.nodes(r, "srv/records-present", Status.FAIL)).containsExactly("cluster");
            assertThat(Outcomes.messages(r, "srv/records-present")).contains("no SRV records for " + SERVICE);
            assertThat(Outcomes.messages(r, "srv/targets-match-cluster")).contains("members without an SRV record: nats1.example.net:4222");
        }
    }

    private Target withExplicitServers(LocalDeployment d) {
        return TargetVariants.write(d, tmp.resolve("explicit.conf"), "explicit servers, no SRV records",
                d.cluster().configs().stream().map(c -> c.name() + ":4222").toList(), true, true);
    }
}
