package dev.mconats.cli;

import dev.mconats.cli.progress.ProgressView;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * An injector's console: everything it prints (Gatling's tables, its own lines, the JVM's warnings) goes into
 * {@code injector.log} in its run folder, and also onto the console with {@code --verbose}; what it prints on
 * standard error (its one-line errors) reaches the user's standard error unchanged as well, above the progress view.
 */
final class InjectorOutput implements AutoCloseable {
    static final String LOG = "injector.log";

    private final BufferedWriter log;
    private final Thread stdout;
    private final Thread stderr;
    private boolean logFailed;

    /**
     * @param prefix         put before each console line with --verbose ("[shard 1] "), so k injectors can be told apart
     * @param errorsToStderr the injector's standard error goes to the user's (a fleet reports its shards' errors itself)
     */
    private InjectorOutput(Process p, Path logFile, ProgressView view, boolean verbose, String prefix, boolean errorsToStderr)
            throws IOException {
        this.log = Files.newBufferedWriter(logFile, StandardCharsets.UTF_8);
        this.stdout = pump(p.getInputStream(), line -> {
            log(line);
            if (verbose) {
                view.println(prefix + line);
            }
        });
        this.stderr = pump(p.getErrorStream(), line -> {
            log(line);
            if (errorsToStderr) {
                view.printErr(line);
            } else if (verbose) {
                view.println(prefix + line);
            }
        });
    }

    static InjectorOutput attach(Process p, Path logFile, ProgressView view, boolean verbose, String prefix, boolean errorsToStderr)
            throws IOException {
        return new InjectorOutput(p, logFile, view, verbose, prefix, errorsToStderr);
    }

    private synchronized void log(String line) {
        if (logFailed) {
            return;
        }
        try {
            log.write(line);
            log.newLine();
            log.flush(); // a run someone is watching with tail -f
        } catch (IOException e) {
            logFailed = true; // keep draining the injector's output: a full pipe would stop it
        }
    }

    private static Thread pump(InputStream in, Consumer<String> lines) {
        return Thread.ofPlatform().daemon().name("injector-output").start(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    lines.accept(line);
                }
            } catch (IOException e) {
                // the process went away: nothing more to read
            }
        });
    }

    /**
     * Waits until the injector's streams are drained (they end when it exits), then closes the log. Bounded: a process
     * the injector started and left running with its streams would otherwise keep them open.
     */
    @Override
    public void close() throws InterruptedException {
        stdout.join(10_000);
        stderr.join(10_000);
        synchronized (this) {
            try {
                log.close();
            } catch (IOException ignored) {
                // the log has what it could get
            }
        }
    }
}
