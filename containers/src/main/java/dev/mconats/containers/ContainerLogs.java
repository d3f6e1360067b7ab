package dev.mconats.containers;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Copies a container's output into the member's nats-server.log while this JVM lives (diagnostics only). */
final class ContainerLogs {
    private ContainerLogs() {
    }

    /** @param fromNow only output from now on (a container started again has its earlier output in the log already) */
    static void follow(DockerClient docker, String id, Path log, boolean fromNow) {
        var cmd = docker.logContainerCmd(id).withStdOut(true).withStdErr(true).withFollowStream(true);
        if (fromNow) {
            cmd = cmd.withSince((int) (System.currentTimeMillis() / 1000));
        }
        cmd.exec(new ResultCallback.Adapter<Frame>() {
                    @Override
                    public void onNext(Frame f) {
                        try {
                            // No CREATE: output after the member's folder was removed must not recreate it.
                            Files.write(log, f.getPayload(), StandardOpenOption.APPEND);
                        } catch (IOException ignored) {
                            // the log is a diagnostic aid; health is judged by the monitor endpoint
                        }
                    }
                });
    }
}
