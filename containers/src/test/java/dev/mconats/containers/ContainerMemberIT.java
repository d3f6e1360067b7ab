package dev.mconats.containers;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import dev.mconats.cluster.FaultKind;
import dev.mconats.cluster.LocalCluster;
import dev.mconats.cluster.LocalDeployment;
import dev.mconats.cluster.LoopbackBlock;
import dev.mconats.cluster.MemberControl;
import dev.mconats.cluster.ProcessRegistry;
import dev.mconats.pki.KeyType;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.DockerClientFactory;

/** A member of the containers launcher taken down and brought back: the same container, or a replacement image. */
class ContainerMemberIT {
    @TempDir
    java.nio.file.Path tmp;

    static String image;

    @BeforeAll
    static void dockerApi() {
        image = ContainersAvailable.requireOrSkip();
    }

    @Test
    void theSameContainerComesBackAndAnUpgradeReplacesItWithTheCandidateImage() throws Exception {
        DockerClient docker = DockerClientFactory.instance().client();
        String candidate = image + "-candidate";
        int colon = candidate.lastIndexOf(':');
        docker.tagImageCmd(image, candidate.substring(0, colon), candidate.substring(colon + 1)).exec();
        String original;
        String last;
        try (LocalDeployment d = LocalDeployment.builder(tmp.resolve("dep")).size(2).addressPrefix(LoopbackBlock.free())
                .keyType(KeyType.EC_P256).launcher(new ContainerLauncher(image)).start()) {
            LocalCluster.Node n = d.cluster().node(2);
            original = Files.readString(n.dir().resolve("container.id")).trim();
            String config = Files.readString(n.configFile());
            MemberControl m = LocalMembers.of(n.dir());
            assertThat(m).isInstanceOf(ContainerMember.class);
            assertThat(m.server()).isEqualTo(n.config().clientEndpoint());

            m.stop(FaultKind.KILL);
            assertThat(DockerCommands.running(docker, original)).isFalse();
            m.start();
            assertThat(m.awaitReady(Duration.ofSeconds(20))).isEmpty();
            assertThat(DockerCommands.running(docker, original)).as("the same container again").isTrue();
            assertThat(Files.readString(n.configFile())).isEqualTo(config);
            m.stop(FaultKind.STOP);
            m.start();
            assertThat(m.awaitReady(Duration.ofSeconds(20))).isEmpty();

            MemberControl up = LocalMembers.of(n.dir(), Optional.of(candidate), List.of("max_connections: 500"));
            up.stop(FaultKind.STOP);
            up.start();
            assertThat(up.awaitReady(Duration.ofSeconds(20))).isEmpty();
            String replaced = Files.readString(n.dir().resolve("container.id")).trim();
            assertThat(replaced).isNotEqualTo(original);
            assertThat(docker.inspectContainerCmd(replaced).exec().getConfig().getImage()).isEqualTo(candidate);
            assertThat(ContainerDeploymentIT.get(n.config().monitorUrl() + "/varz")).contains("\"max_connections\": 500");
            assertThat(DockerCommands.running(docker, original)).isFalse();

            assertThat(up.rollBack()).isTrue();
            assertThat(up.awaitReady(Duration.ofSeconds(20))).isEmpty();
            last = Files.readString(n.dir().resolve("container.id")).trim();
            assertThat(docker.inspectContainerCmd(last).exec().getConfig().getImage()).isEqualTo(image);
            assertThat(Files.readString(n.configFile())).isEqualTo(config);
        } finally {
            docker.removeImageCmd(candidate).withForce(false).exec();
        }
        assertThat(DockerCommands.running(docker, last)).as("the deployment removes the member's current container").isFalse();
        assertThat(DockerCommands.remove(docker, last)).as("and it is gone").isFalse();
        assertThat(ProcessRegistry.live()).isEmpty();
    }
}
