package dev.mconats.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded default's address blocks and its status without anything running. */
class EmbeddedDefaultTest {
    @TempDir
    Path tmp;

    @Test
    void aFolderWithoutARecordUsesTheDocumentedAddressesAndIsDown() {
        EmbeddedDefault e = new EmbeddedDefault(tmp.resolve("fresh"));
        assertThat(e.addresses()).isEqualTo(new EmbeddedDefault.Addresses("127.0.1.", "127.0.0."));
        EmbeddedDefault.Status s = e.status();
        assertThat(s.components()).extracting(EmbeddedDefault.Component::name).containsExactly("nats1.single.example.net",
                "nats1.example.net", "nats2.example.net", "nats3.example.net", "dns single.example.net", "dns example.net");
        assertThat(s.components()).extracting(EmbeddedDefault.Component::endpoint).containsExactly("127.0.1.11:4222",
                "127.0.0.11:4222", "127.0.0.12:4222", "127.0.0.13:4222", "127.0.1.2:15353", "127.0.0.2:15353");
        assertThat(s.state()).isEqualTo(EmbeddedDefault.Status.State.DOWN);
        assertThat(s.upOrDown()).isFalse();
        assertThat(e.down().removed()).isEmpty();
    }

    @Test
    void blocksAreLoopbackBlocksWithOrWithoutTheTrailingDot() {
        assertThat(EmbeddedDefault.Addresses.block("single", "127.0.5")).isEqualTo("127.0.5.");
        assertThat(EmbeddedDefault.Addresses.block("single", "127.3.250.")).isEqualTo("127.3.250.");
        for (String bad : new String[] {"10.0.0.", "127.0.0.1", "127.0.256.", "", "example.net"}) {
            assertThatThrownBy(() -> EmbeddedDefault.Addresses.block("cluster", bad)).isInstanceOf(ClusterException.class)
                    .hasMessage("cluster address block: expected a loopback block like 127.0.5. (node i on its .1i), got '" + bad + "'");
        }
        assertThatThrownBy(() -> new EmbeddedDefault.Addresses("127.0.7.", "127.0.7"))
                .hasMessage("the single node and the cluster need different address blocks, both are 127.0.7.");
    }

    @Test
    void aBadRecordIsOneLineNamingTheFile() throws Exception {
        Path dir = tmp.resolve("state");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(EmbeddedDefault.ADDRESSES_FILE), "single=127.0.9.\ncluster=192.168.1.\n");
        assertThatThrownBy(() -> new EmbeddedDefault(dir).status()).isInstanceOf(ClusterException.class)
                .hasMessage(dir.resolve(EmbeddedDefault.ADDRESSES_FILE) + ": cluster address block: expected a loopback block like "
                        + "127.0.5. (node i on its .1i), got '192.168.1.'");
    }
}
