package dev.mconats.cluster;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A staging member driven by the operator's own commands from the target file's fault section (e.g.
 * {@code ssh nats2 sudo systemctl stop nats-server}). Each command runs through {@code /bin/sh -c} on this machine,
 * bounded by a timeout (a command that hangs is killed, with everything it started), with its output in a file of
 * the run folder and one line per command (member, action, exit code, duration, output file) in
 * {@value #JOURNAL}. The command text itself is not written anywhere: it may carry credentials.
 */
public final class CommandMember implements MemberControl {
    public static final String JOURNAL = "member-commands.jsonl";
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    /** The commands of one member, as the target file names them; {@code kill} may be empty (then kill is refused). */
    public record Commands(String stop, String kill, String start) {
    }

    /** One command's outcome. */
    public record Outcome(int exitCode, boolean timedOut, long millis, Path output) {
        public boolean ok() {
            return !timedOut && exitCode == 0;
        }

        public String describe() {
            return timedOut ? "timed out after " + millis + " ms (killed)" : "exit code " + exitCode + " after " + millis + " ms";
        }
    }

    private final String name;
    private final String server;
    private final URI monitor;
    private final Commands commands;
    private final Duration timeout;
    private final Path outputDir;

    public CommandMember(String name, String server, URI monitor, Commands commands, Duration timeout, Path outputDir) {
        this.name = name;
        this.server = server;
        this.monitor = monitor;
        this.commands = commands;
        this.timeout = timeout;
        this.outputDir = outputDir.toAbsolutePath();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String server() {
        return server;
    }

    @Override
    public URI monitor() {
        return monitor;
    }

    @Override
    public void stop(FaultKind kind) {
        String command = kind == FaultKind.KILL ? commands.kill() : commands.stop();
        if (command == null || command.isBlank()) {
            throw new ClusterException(name + ": the fault section has no " + kind.label() + " command for this member");
        }
        require(kind.label(), run(kind.label(), command));
    }

    @Override
    public void start() {
        require("start", run("start", commands.start()));
    }

    private void require(String action, Outcome o) {
        if (!o.ok()) {
            throw new ClusterException(name + ": " + action + " command " + o.describe() + ": " + lastLine(o.output())
                    + " (output: " + o.output() + ")");
        }
    }

    /** Runs one command with the timeout; never throws for the command's own failure (that is the outcome). */
    public Outcome run(String action, String command) {
        try {
            Files.createDirectories(outputDir);
        } catch (IOException e) {
            throw new ClusterException("cannot create " + outputDir + ": " + e.getMessage(), e);
        }
        Path output = outputDir.resolve(String.format(Locale.ROOT, "%03d-%s-%s.log", SEQUENCE.incrementAndGet(), safe(name), action));
        long t0 = System.nanoTime();
        long startedAt = System.currentTimeMillis();
        int exit;
        boolean timedOut = false;
        try {
            Process p = new ProcessBuilder("/bin/sh", "-c", command).redirectErrorStream(true)
                    .redirectOutput(output.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
            try {
                if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    timedOut = true;
                    kill(p.toHandle());
                    p.waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                // Interrupted (Ctrl-C, the run cut short): do not leave the command running; the guard starts the member.
                kill(p.toHandle());
                Thread.currentThread().interrupt();
                timedOut = true;
            }
            exit = p.isAlive() ? -1 : p.exitValue();
        } catch (IOException e) {
            throw new ClusterException(name + ": cannot run the " + action + " command: " + e.getMessage(), e);
        }
        Outcome o = new Outcome(exit, timedOut, (System.nanoTime() - t0) / 1_000_000, output);
        journal(action, startedAt, o);
        return o;
    }

    private static void kill(ProcessHandle h) {
        h.descendants().forEach(ProcessHandle::destroyForcibly);
        h.destroyForcibly();
    }

    private void journal(String action, long startedAt, Outcome o) {
        String line = String.format(Locale.ROOT,
                "{\"member\":\"%s\",\"server\":\"%s\",\"action\":\"%s\",\"at\":%d,\"ms\":%d,\"exit_code\":%d,\"timed_out\":%b,\"output\":\"%s\"}%n",
                json(name), json(server), action, startedAt, o.millis(), o.exitCode(), o.timedOut(), json(o.output().getFileName().toString()));
        try {
            Files.writeString(outputDir.resolve(JOURNAL), line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new ClusterException("cannot write " + outputDir.resolve(JOURNAL) + ": " + e.getMessage(), e);
        }
    }

    private static String lastLine(Path output) {
        try {
            var lines = Files.readAllLines(output);
            for (int i = lines.size() - 1; i >= 0; i--) {
                if (!lines.get(i).isBlank()) {
                    return lines.get(i).trim();
                }
            }
            return "no output";
        } catch (IOException e) {
            return "no output";
        }
    }

    private static String safe(String s) {
        return s.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    private static String json(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    @Override
    public Optional<String> startFailure() {
        return Optional.empty();
    }

    @Override
    public String describe() {
        return "staging commands for " + server + " (timeout " + timeout.toSeconds() + " s each)";
    }

    @Override
    public String toString() {
        return name + " (" + server + ")";
    }
}
