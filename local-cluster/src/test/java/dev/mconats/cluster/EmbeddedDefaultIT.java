package dev.mconats.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mconats.pki.KeyType;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded default with nats-server processes, moved to free loopback blocks (never its documented addresses). */
class EmbeddedDefaultIT {
    @TempDir
    Path state;

    @AfterEach
    void down() {
        new EmbeddedDefault(state).down();
    }

    static EmbeddedDefault.Addresses freeBlocks() {
        String single = LoopbackBlock.free();
        String cluster;
        do {
            cluster = LoopbackBlock.free();
        } while (cluster.equals(single));
        return new EmbeddedDefault.Addresses(single, cluster);
    }

    @Test
    void statusFollowsUpAKilledMemberAndDown() {
        EmbeddedDefault e = new EmbeddedDefault(state);
        EmbeddedDefault.Addresses at = freeBlocks();
        EmbeddedDefault.Up up = e.up(KeyType.EC_P256, false, new ProcessLauncher(), at);

        EmbeddedDefault.Status s = new EmbeddedDefault(state).status(); // another command, finding it through the state folder
        assertThat(s.addresses()).isEqualTo(at);
        assertThat(s.state()).isEqualTo(EmbeddedDefault.Status.State.UP);
        assertThat(s.upOrDown()).isTrue();
        assertThat(s.components()).allSatisfy(c -> assertThat(c.describe()).matches(".*  pid \\d+"));
        assertThat(s.components().get(2).endpoint()).isEqualTo(at.cluster() + "12:4222");
        List<Long> clusterPids = up.cluster().cluster().nodes().stream().map(n -> n.process().pid()).toList();
        assertThat(s.serverPids("cluster")).containsExactlyInAnyOrderElementsOf(clusterPids);
        assertThat(s.serverPids("single")).containsExactly(up.single().cluster().node(1).process().pid());

        up.cluster().cluster().kill(2);
        EmbeddedDefault.Status partly = e.status();
        assertThat(partly.state()).isEqualTo(EmbeddedDefault.Status.State.PARTLY_UP);
        assertThat(partly.runningCount()).isEqualTo(5);
        assertThatThrownBy(partly::upOrDown).isInstanceOf(ClusterException.class)
                .hasMessage("the local deployments in " + state + " are only partly up (5 of 6 running; not running: "
                        + "nats2.example.net); run './mco-nats local down' and try again");
        assertThatThrownBy(() -> e.up(KeyType.EC_P256, false)).hasMessageContaining("only partly up");

        EmbeddedDefault.Down down = e.down();
        assertThat(down.failed()).isEmpty();
        assertThat(down.removed()).hasSize(5).allSatisfy(l -> assertThat(l).matches("stopped .* \\(pid \\d+\\)"));
        assertThat(e.status().state()).isEqualTo(EmbeddedDefault.Status.State.DOWN);
        assertThat(clusterPids).allSatisfy(pid -> assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse());
    }

    @Test
    void movingToOtherBlocksRenewsThePkiWhoseCertificatesNameTheAddresses() {
        EmbeddedDefault e = new EmbeddedDefault(state);
        assertThat(e.up(KeyType.EC_P256, false, new ProcessLauncher(), freeBlocks()).pkiCreated()).isTrue();
        e.down();
        EmbeddedDefault.Addresses other = freeBlocks();
        // Route TLS verifies the peers' IP SANs: the 3-node mesh forms only with certificates for the new addresses.
        EmbeddedDefault.Up up = e.up(KeyType.EC_P256, false, new ProcessLauncher(), other);
        assertThat(up.pkiCreated()).isTrue();
        assertThat(Monitor.numRoutes(up.cluster().cluster().node(1).config().monitorUrl())).isEqualTo(2);
        assertThat(e.addresses()).isEqualTo(other);
        e.down();
        assertThat(e.up(KeyType.EC_P256, false, new ProcessLauncher()).pkiCreated()).as("same blocks: the PKI is kept").isFalse();
        assertThat(e.status().addresses()).isEqualTo(other);
    }

    @Test
    void aDeploymentInsideTheStateFolderIsNotTheEmbeddedDefault() {
        // rehearse keeps its deployments in <state>/rehearsal/{A,B}: a running side must not look like a partly up default
        try (LocalDeployment side = LocalDeployment.builder(state.resolve("rehearsal/A")).size(1).addressPrefix(LoopbackBlock.free())
                .keyType(KeyType.EC_P256).start()) {
            assertThat(side.dns().process().isAlive()).isTrue();
            EmbeddedDefault.Status s = new EmbeddedDefault(state).status();
            assertThat(s.state()).isEqualTo(EmbeddedDefault.Status.State.DOWN);
            assertThat(s.runningCount()).isZero();
        }
    }
}
