package dev.mconats.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A recorded container whose state cannot be asked (no Docker API answers) is never taken as gone: status calls it
 * unknown, commands refuse the deployment as partly up, and {@code local down} says it could not remove it, exit 2.
 * Runs the front door in a child JVM whose DOCKER_HOST points nowhere.
 */
class EmbeddedDefaultWithoutDockerApiIT {
    static final String ID = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    @TempDir
    Path state;

    record Run(int code, String out, String err) {
    }

    Run run(String... args) throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = new java.util.ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED", "-cp",
                System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(List.of(args));
        cmd.addAll(List.of("--state-dir", state.toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("DOCKER_HOST", "unix://" + state.resolve("no-such.sock"));
        pb.redirectOutput(state.resolve("out.txt").toFile()).redirectError(state.resolve("err.txt").toFile());
        Process p = pb.start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Run(p.exitValue(), Files.readString(state.resolve("out.txt"), StandardCharsets.UTF_8),
                Files.readString(state.resolve("err.txt"), StandardCharsets.UTF_8));
    }

    @Test
    void aContainerThatCannotBeAskedIsUnknownNeverGone() throws Exception {
        Path idFile = state.resolve("cluster/cluster/node2/container.id");
        Files.createDirectories(idFile.getParent());
        Files.writeString(idFile, ID + "\n");

        Run status = run("local", "status");
        assertThat(status.code()).as(status.err()).isEqualTo(3);
        assertThat(status.out()).contains("down:    nats2.example.net  127.0.0.12:4222  container 0123456789ab (unknown: no Docker API answers",
                "partly up: 0 of 6 running");

        Run conformance = run("conformance");
        assertThat(conformance.code()).isEqualTo(Main.USAGE_OR_ENVIRONMENT);
        assertThat(conformance.err().strip()).startsWith("error: the local deployments in " + state + " are only partly up (0 of 6 running;")
                .contains("nats2.example.net [container 0123456789ab (unknown").doesNotContain("\n");

        Run down = run("local", "down");
        assertThat(down.code()).isEqualTo(Main.USAGE_OR_ENVIRONMENT);
        assertThat(down.out()).isEmpty();
        assertThat(down.err().strip()).startsWith("error: cannot remove container 0123456789ab of nats2.example.net: no Docker API answers at DOCKER_HOST=")
                .doesNotContain("\n");
        assertThat(idFile).as("kept, so that a later 'local down' with the API can remove it").exists();
    }
}
