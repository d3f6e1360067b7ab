package dev.mconats.cli;

import dev.mconats.cluster.EmbeddedDefault;
import dev.mconats.cluster.Executables;
import dev.mconats.cluster.LocalDeployment;
import dev.mconats.cluster.LoopbackBlock;
import dev.mconats.cluster.ManagedProcess;
import dev.mconats.pki.KeyType;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Where a load run goes, shared by {@code load} and {@code fleet}: a target file, a fresh throw-away local deployment,
 * or the embedded default (started when it is not up and stopped again afterwards). Holds the target file, the PIDs of
 * local servers (for CPU figures) and how to tear down what was started.
 */
record LoadDeployment(Path targetFile, List<Long> serverPids, Optional<java.util.function.IntFunction<Path>> memberDirs,
                      Runnable teardown) implements AutoCloseable {

    Optional<Path> memberToKill(int index) {
        return memberDirs.map(f -> f.apply(index));
    }

    @Override
    public void close() {
        teardown.run();
    }

    /**
     * @param target      a target file (nothing to start or stop), or null
     * @param localServer key type of a fresh throw-away deployment (1 node, 3 when {@code cluster}), or null
     * @param stateDir    state folder of the embedded default (null: $MCO_NATS_HOME or ./.local)
     */
    static LoadDeployment open(Path target, String localServer, boolean cluster, Path stateDir, PrintWriter out) {
        if (target != null) {
            return new LoadDeployment(target.toAbsolutePath(), List.of(), Optional.empty(), () -> { });
        }
        if (localServer != null) {
            KeyType keyType;
            try {
                keyType = KeyType.parse(localServer);
            } catch (IllegalArgumentException e) {
                throw new UserError("--local-server: " + e.getMessage());
            }
            Prerequisites.ensure(out);
            Path dir;
            try {
                dir = Files.createTempDirectory("mco-nats-load-");
            } catch (IOException e) {
                throw new UserError("cannot create a temporary folder: " + e.getMessage());
            }
            LocalDeployment d = LocalDeployment.builder(dir).size(cluster ? 3 : 1).addressPrefix(LoopbackBlock.free())
                    .keyType(keyType).expectedFleetSize(20_000).start();
            out.println("load: started a fresh " + (cluster ? "3-node cluster" : "server") + " (" + keyType + ") in " + dir);
            List<Long> pids = d.cluster().nodes().stream().map(n -> n.process().pid()).toList();
            return new LoadDeployment(d.targetFile(), pids, Optional.of(i -> d.cluster().node(i).dir()), () -> {
                d.close();
                deleteTree(dir); // a throw-away deployment: its PKI, configs and logs go with it
            });
        }
        EmbeddedDefault embedded = new EmbeddedDefault(StateDir.resolve(stateDir));
        boolean started = false;
        if (!embedded.status().upOrDown()) {
            Prerequisites.ensure(out);
            out.println("load: starting the embedded default (it is stopped again afterwards)");
            embedded.up(KeyType.RSA_4096, false);
            started = true;
        }
        String which = cluster ? "cluster" : "single";
        Path file = cluster ? embedded.clusterTarget() : embedded.singleTarget();
        List<Long> pids = embedded.status().serverPids(which); // processes' or containers' host PIDs
        Path clusterDir = embedded.stateDir().resolve(which).resolve("cluster");
        boolean stopAfter = started;
        return new LoadDeployment(file, pids, Optional.of(i -> clusterDir.resolve("node" + i)), () -> {
            if (stopAfter) {
                embedded.down();
            } else if (embedded.status().state() != EmbeddedDefault.Status.State.UP) {
                restartKilledMembers(clusterDir); // only when a member is down: a container's PID file names no host process
            }
        });
    }

    /**
     * Whether {@link #open} will start servers (a fresh deployment, or the embedded default that is down): the progress
     * view's first phase. Refuses a partly-up embedded default here already, before anything is printed.
     */
    static boolean startsServers(Path target, String localServer, Path stateDir) {
        if (target != null) {
            return false;
        }
        return localServer != null || !new EmbeddedDefault(StateDir.resolve(stateDir)).status().upOrDown();
    }

    // The embedded default was up before this run: leave it as found, with any killed member running again.
    private static void restartKilledMembers(Path clusterDir) {
        try (var dirs = Files.list(clusterDir)) {
            for (Path node : dirs.filter(Files::isDirectory).toList()) {
                Path conf = node.resolve("nats-server.conf");
                Path pid = node.resolve("nats-server.pid");
                if (!Files.isRegularFile(conf) || ManagedProcess.fromPidFile(node.getFileName().toString(), pid, conf.toString()).isPresent()) {
                    continue;
                }
                ManagedProcess.start(node.getFileName().toString(), List.of(Executables.natsServer().toString(), "--config", conf.toString()),
                        node.resolve("nats-server.log"), pid, conf.toString());
                awaitMonitor(conf);
            }
        } catch (IOException e) {
            throw new UserError("cannot restart the killed member under " + clusterDir + ": " + e.getMessage());
        }
    }

    private static void awaitMonitor(Path conf) throws IOException {
        String text = Files.readString(conf);
        java.util.regex.Matcher host = java.util.regex.Pattern.compile("(?m)^host: \"([^\"]+)\"").matcher(text);
        java.util.regex.Matcher port = java.util.regex.Pattern.compile("(?m)^monitor_port: (\\d+)").matcher(text);
        if (!host.find() || !port.find()) {
            return;
        }
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        URI varz = URI.create("http://" + host.group(1) + ":" + port.group(1) + "/varz");
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (http.send(HttpRequest.newBuilder(varz).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not up yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static void deleteTree(Path dir) {
        try (var walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException ignored) {
            // a leftover temporary folder is harmless
        }
    }
}
