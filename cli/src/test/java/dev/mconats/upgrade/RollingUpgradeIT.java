package dev.mconats.upgrade;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mconats.cli.Main;
import dev.mconats.cli.progress.Steps;
import dev.mconats.cluster.Executables;
import dev.mconats.cluster.LoopbackBlock;
import dev.mconats.cluster.ProcessLauncher;
import dev.mconats.cluster.ProcessRegistry;
import dev.mconats.containers.ContainerLauncher;
import dev.mconats.pki.FixturePki;
import dev.mconats.pki.KeyType;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.DockerClientFactory;

/**
 * The rolling upgrade of {@code rehearse --rolling}: every member replaced by B under a live fleet, next to the same
 * rolling restart with A. Only one nats-server version is installable here, so B is what is real: the same binary
 * under another path (processes), another tag of the same image (containers), or a candidate that does not start.
 */
class RollingUpgradeIT {
    @TempDir
    Path tmp;

    private Path copyOfNatsServer() throws Exception {
        Path b = Files.createDirectories(tmp.resolve("candidate")).resolve("nats-server");
        Files.copy(Executables.natsServer(), b, StandardCopyOption.REPLACE_EXISTING);
        Files.setPosixFilePermissions(b, PosixFilePermissions.fromString("rwxr-xr-x"));
        return b;
    }

    private RollingUpgrade rolling(Path reports, StringWriter log) {
        Rehearsal r = new Rehearsal(tmp.resolve("work"), reports, 30, KeyType.EC_P256, args -> Main.run(args.toArray(String[]::new)),
                new PrintWriter(log, true));
        return new RollingUpgrade(tmp.resolve("work"), reports, 30, args -> Main.run(args.toArray(String[]::new)),
                new Steps(new PrintWriter(log, true), 2), List.of(), r::runs, r::newRun);
    }

    private FixturePki pki(String prefix) {
        FixturePki.Builder pb = FixturePki.builder(tmp.resolve("work/ssl")).keyType(KeyType.EC_P256).force(true);
        for (int i = 1; i <= 3; i++) {
            pb.server("nats" + i + ".example.net", prefix + (10 + i));
        }
        return pb.generate();
    }

    @Test
    void rehearseRollingReplacesEveryMemberByBUnderLoadNextToTheRestartOfA() throws Exception {
        Path b = copyOfNatsServer();
        Path reports = tmp.resolve("reports");
        StringWriter log = new StringWriter();
        Rehearsal.Outcome o = new Rehearsal(tmp.resolve("work"), reports, 30, KeyType.EC_P256,
                args -> Main.run(args.toArray(String[]::new)), new PrintWriter(log, true)).rolling(true)
                .run(new Side("A", new ProcessLauncher(), List.of()), new Side("B", new ProcessLauncher(b), List.of("write_deadline: \"3s\"")));

        assertThat(o.rolling()).as(log.toString()).isPresent();
        RollingUpgrade.Result r = o.rolling().get();
        assertThat(r.verdict()).as(log.toString()).doesNotStartWith("NOT SAFE");
        assertThat(r.baseline().storm().path("verdict").asText()).isEqualTo("PASS");
        assertThat(r.upgrade().storm().path("verdict").asText()).as(r.upgrade().storm().toString()).isEqualTo("PASS");
        assertThat(r.upgrade().storm().path("replacement").asText()).isEqualTo(b.toString());
        assertThat(r.upgrade().storm().path("steps")).hasSize(3);
        assertThat(r.upgrade().membersAfter()).hasSize(3).allMatch(m -> m.contains("process " + b));
        assertThat(r.baseline().membersAfter()).noneMatch(m -> m.contains(b.toString()));
        for (JsonNode step : r.upgrade().storm().path("steps")) {
            assertThat(step.path("mesh_whole_ms").isNumber()).isTrue();
            assertThat(step.path("after_rounds").path("missing_replies").asLong()).isZero();
        }

        JsonNode json = new ObjectMapper().readTree(o.folder().resolve("rolling-upgrade.json").toFile());
        assertThat(json.path("baseline").path("label").asText()).isEqualTo("A→A");
        assertThat(json.path("upgrade").path("storm").path("steps")).hasSize(3);
        assertThat(new ObjectMapper().readTree(o.folder().resolve("rehearsal.json").toFile()).path("rollingUpgrade").asText())
                .isEqualTo("rolling-upgrade.json");
        String page = Files.readString(o.folder().resolve("rehearsal.html"));
        assertThat(page).contains("Rolling upgrade under load", "A→A (rolling restart)", "A→B (rolling upgrade)", "node1", "node3",
                "mesh whole", "lost replies");
        assertThat(ProcessRegistry.live()).isEmpty();
    }

    @Test
    void aCandidateThatDoesNotStartIsNotSafeAndTheRestIsNotTouched() throws Exception {
        Path broken = tmp.resolve("nats-server-b");
        Files.writeString(broken, "#!/bin/sh\necho 'unknown field in the config' >&2\nexit 1\n");
        Files.setPosixFilePermissions(broken, PosixFilePermissions.fromString("rwxr-xr-x"));
        String prefix = LoopbackBlock.free();
        StringWriter log = new StringWriter();
        RollingUpgrade.Result r = rolling(tmp.resolve("reports"), log)
                .run(new Side("A", new ProcessLauncher(), List.of()), new Side("B", new ProcessLauncher(broken), List.of()), prefix, pki(prefix));

        assertThat(r.regression()).as(log.toString()).isTrue();
        assertThat(r.verdict()).startsWith("NOT SAFE: the rolling upgrade failed where the rolling restart passed")
                .contains("node1 did not come back", "unknown field in the config");
        assertThat(r.upgrade().exitCode()).isEqualTo(1);
        assertThat(r.upgrade().storm().path("not_run")).extracting(JsonNode::asText).containsExactly("node2", "node3");
        assertThat(r.upgrade().membersAfter()).as("node1 rolled back to A, the others never touched")
                .allMatch(m -> m.contains("process " + Executables.natsServer()));
        String page = RollingUpgradeTable.html(r);
        assertThat(page).contains("NOT SAFE", "not run");
        assertThat(ProcessRegistry.live()).isEmpty();
    }

    @Test
    void rollingUpgradeOfContainersToAnotherImage() throws Exception {
        String image = dev.mconats.cli.DockerApi.requireOrSkip("container rolling upgrade");
        String candidate = image + "-b";
        int colon = candidate.lastIndexOf(':');
        var docker = DockerClientFactory.instance().client();
        docker.tagImageCmd(image, candidate.substring(0, colon), candidate.substring(colon + 1)).exec();
        try {
            String prefix = LoopbackBlock.free();
            StringWriter log = new StringWriter();
            RollingUpgrade.Result r = rolling(tmp.resolve("reports"), log).run(new Side("A", new ContainerLauncher(image), List.of()),
                    new Side("B", new ContainerLauncher(candidate), List.of()), prefix, pki(prefix));

            assertThat(r.upgrade().storm().path("verdict").asText()).as(log + r.upgrade().storm().toString()).isEqualTo("PASS");
            assertThat(r.baseline().storm().path("verdict").asText()).isEqualTo("PASS");
            assertThat(r.upgrade().membersAfter()).hasSize(3).allMatch(m -> m.contains("(" + candidate + ")"));
        } finally {
            docker.removeImageCmd(candidate).exec();
        }
        assertThat(ProcessRegistry.live()).isEmpty();
    }
}
