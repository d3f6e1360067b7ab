package dev.mconats.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mconats.cluster.DnsFixture;
import dev.mconats.cluster.LocalDeployment;
import dev.mconats.cluster.LoopbackBlock;
import dev.mconats.pki.KeyType;
import dev.mconats.targetmodel.Target;
import java.nio.file.Path;
import java.time.Duration;
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
        // nats4 was decommissioned, its record left behind
        try (LocalDeployment d = withExtraRecord(3, LoopbackBlock.free(), "nats4.example.net", "14").start()) {
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
            Outcomes.expect(r, Map.of("srv/records-present", Status.FAIL, "srv/targets-match-cluster", Status.FAIL,
                    "srv/load-spread", Status.WARN));
            assertThat(Outcomes.nodes(r, "srv/records-present", Status.FAIL)).containsExactly("nats2.example.net:4223");
            assertThat(Outcomes.messages(r, "srv/records-present")).contains("not a NATS client port");
            // nodes drawing the route port move on to nats1 or nats3: nats2's client port gets no first connections
            assertThat(Outcomes.messages(r, "srv/load-spread")).contains("(routed to the cluster) gets no first connections: no SRV record "
                    + "leads to its client port", "nats1.example.net:4222 50.0%", "nats3.example.net:4222 50.0%");
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
                    "srv/load-spread", Status.SKIP));
            assertThat(Outcomes.nodes(r, "srv/records-present", Status.FAIL)).containsExactly("cluster");
            assertThat(Outcomes.messages(r, "srv/records-present")).contains("no SRV records for " + SERVICE);
            assertThat(Outcomes.messages(r, "srv/targets-match-cluster")).contains("members without an SRV record: nats1.example.net:4222");
        }
    }

    @Test
    void aLegacyNameThatFailsToResolveIsHarmlessWhenTheCurrentNameAnswers() {
        try (LocalDeployment d = LocalDeployment.builder(tmp).size(1).addressPrefix(LoopbackBlock.free()).keyType(KeyType.EC_P256)
                .dnsFailure("_x-puppet-mcollective._tcp.example.net").start()) {
            SuiteResult r = ConformanceSuite.standard().run(d.target(), Settings.defaults());
            Outcomes.expect(r, Map.of());
            assertThat(Outcomes.check(r, "srv/records-present").results().get(0).evidence())
                    .anyMatch(l -> l.contains("_x-puppet-mcollective._tcp.example.net") && l.contains("harmless"));
        }
    }

    @Test
    void aMemberThatWouldGetMoreNodesThanItAcceptsFailsTheSpread() {
        // a third of 1,000 nodes start on nats1, which takes 200
        try (LocalDeployment d = LocalDeployment.builder(tmp).size(3).addressPrefix(LoopbackBlock.free()).keyType(KeyType.EC_P256)
                .expectedFleetSize(1000).override(1, n -> n.withMaxConnections(200)).start()) {
            SuiteResult r = ConformanceSuite.standard().run(d.target(), Settings.defaults());
            Outcomes.expect(r, Map.of("srv/load-spread", Status.FAIL, "monitor/limits", Status.FAIL));
            assertThat(Outcomes.messages(r, "srv/load-spread"))
                    .isEqualTo("FAIL cluster: nats1.example.net:4222 would get 334 of 1000 nodes' first connections but accepts max_connections 200");
            assertThat(Outcomes.nodes(r, "monitor/limits", Status.FAIL)).containsExactly("nats1.example.net:4222");
        }
    }

    @Test
    void weightsFarFromEvenOverEqualMembersWarn() {
        int[] weights = {60, 30, 10};
        try (LocalDeployment d = LocalDeployment.builder(tmp).size(3).addressPrefix(LoopbackBlock.free()).keyType(KeyType.EC_P256)
                .srv(list -> list.stream().map(s -> new DnsFixture.Srv(s.service(), s.target(), s.port(), 0,
                        weights[s.target().charAt(4) - '1'])).toList()).start()) {
            SuiteResult r = ConformanceSuite.standard().run(d.target(), Settings.defaults());
            Outcomes.expect(r, Map.of("srv/load-spread", Status.WARN));
            assertThat(Outcomes.messages(r, "srv/load-spread")).contains(
                    "the spread is far from even over equal members: nats1.example.net:4222 gets 59.7%, 1.8x an even share of 33.3%");
        }
    }

    @Test
    void aMemberOnlyInAHigherPriorityGetsNoFirstConnections() {
        try (LocalDeployment d = LocalDeployment.builder(tmp).size(3).addressPrefix(LoopbackBlock.free()).keyType(KeyType.EC_P256)
                .srv(list -> list.stream().map(s -> s.target().startsWith("nats3.")
                        ? new DnsFixture.Srv(s.service(), s.target(), s.port(), 10, 0) : s).toList()).start()) {
            SuiteResult r = ConformanceSuite.standard().run(d.target(), Settings.defaults());
            Outcomes.expect(r, Map.of("srv/load-spread", Status.WARN));
            assertThat(Outcomes.messages(r, "srv/load-spread")).contains("nats3.example.net:4222 gets no first connections "
                    + "(its records' priority 10 is tried only when every lower one fails)");
        }
    }

    @Test
    void twoTargetsWithOneAddressAreReportedNotCollapsed() {
        String prefix = LoopbackBlock.free();
        try (LocalDeployment d = withExtraRecord(3, prefix, "nats1-alias.example.net", "11").start()) { // a second name for nats1
            SuiteResult r = ConformanceSuite.standard().run(d.target(), Settings.defaults());
            // nodes that draw the alias check nats1's certificate against a name it does not carry
            Outcomes.expect(r, Map.of("srv/load-spread", Status.WARN, "tls/server-cert-valid", Status.FAIL,
                    "tls/trusted-client-works", Status.FAIL));
            assertThat(Outcomes.messages(r, "srv/load-spread")).contains("two targets with one address: "
                    + "[nats1-alias.example.net, nats1.example.net] -> " + prefix + "11:4222; nats1-alias.example.net:4222 gets the shares of all 2");
            assertThat(Outcomes.nodes(r, "tls/server-cert-valid", Status.FAIL)).containsExactly("nats1-alias.example.net:4222");
        }
    }

    @Test
    void aSlowMemberUnderFourNamesCarriesEveryPair() throws Exception {
        // Four nodes for the suite, one server, three of its names behind a relay that answers 150 ms late: each of
        // those clients is the subscriber of three pairs at once with its PONGs slow. The check must not overrun its
        // own client (jnats closes one with more than two PINGs unanswered) and call the routes broken.
        String prefix = LoopbackBlock.free();
        LocalDeployment.Builder b = LocalDeployment.builder(tmp).size(1).addressPrefix(prefix).keyType(KeyType.EC_P256);
        List<String> aliases = List.of("nats1-a.example.net", "nats1-b.example.net", "nats1-c.example.net");
        b.srv(list -> {
            List<DnsFixture.Srv> out = new ArrayList<>(list);
            aliases.forEach(a -> out.add(new DnsFixture.Srv(SERVICE, a, 4222, 0, 0)));
            return out;
        });
        aliases.forEach(a -> b.extraHost(a, prefix + "21"));
        try (LocalDeployment d = b.start();
                DelayingRelay slow = new DelayingRelay(DelayingRelay.at(prefix + "21", 4222), DelayingRelay.at(prefix + "11", 4222),
                        Duration.ofMillis(150))) {
            SuiteResult r = ConformanceSuite.standard().only(List.of("routes/cross-delivery")).run(d.target(), Settings.defaults());
            assertThat(Outcomes.check(r, "routes/cross-delivery").results()).hasSize(12)
                    .allSatisfy(x -> assertThat(x.status()).as(x.testName() + " " + x.message()).isEqualTo(Status.PASS));
        }
    }

    @Test
    void aTargetWithoutExpectedSizeExpectsEveryServerItFinds() {
        // Two servers run, SRV names three, the target does not say how big the mesh is: the mesh of two is not enough.
        try (LocalDeployment d = withExtraRecord(2, LoopbackBlock.free(), "nats3.example.net", "13").start()) {
            Target unsized = TargetVariants.write(d, tmp.resolve("unsized.conf"), "no expected-size", List.of(), true, true, 0);
            SuiteResult r = ConformanceSuite.standard().run(unsized, Settings.defaults());
            Outcomes.expect(r, Map.of("srv/records-present", Status.FAIL, "srv/targets-match-cluster", Status.FAIL,
                    "routes/full-mesh", Status.FAIL, "routes/client-gossip", Status.FAIL));
            assertThat(Outcomes.messages(r, "routes/full-mesh")).contains("has 1 route(s); an expected mesh of 3 needs 2");
            assertThat(Outcomes.check(r, "routes/full-mesh").results().get(0).evidence()).anyMatch(l -> l.contains(
                    "expected mesh size 3 (cluster.expected-size not set: the number of distinct servers found, servers from SRV"));
        }
    }

    /** A deployment whose SRV records name one more target, at {@code <prefix><lastOctet>}, whatever listens there. */
    private LocalDeployment.Builder withExtraRecord(int size, String prefix, String target, String lastOctet) {
        return LocalDeployment.builder(tmp).size(size).addressPrefix(prefix).keyType(KeyType.EC_P256)
                .srv(list -> {
                    List<DnsFixture.Srv> out = new ArrayList<>(list);
                    out.add(new DnsFixture.Srv(SERVICE, target, 4222, 0, 0));
                    return out;
                })
                .extraHost(target, prefix + lastOctet);
    }

    private Target withExplicitServers(LocalDeployment d) {
        return TargetVariants.write(d, tmp.resolve("explicit.conf"), "explicit servers, no SRV records",
                d.cluster().configs().stream().map(c -> c.name() + ":4222").toList(), true, true);
    }
}
