package dev.mconats.cli;

import dev.mconats.cli.progress.ConsoleMode;
import dev.mconats.cli.progress.ProgressWatch;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** How the long commands ({@code load}, {@code fleet}, {@code run}, {@code rehearse}) show where they are. */
public final class ProgressOptions {
    @Option(names = "--progress", paramLabel = "auto|tty|lines|off",
            description = "Progress view: tty rewrites a few lines in place, lines prints one every --progress-interval and at each "
                    + "phase change, off none. Default: auto ($MCO_NATS_PROGRESS, else tty on a terminal, lines otherwise)")
    String mode;
    @Option(names = "--progress-interval", paramLabel = "SECONDS", defaultValue = "10",
            description = "With --progress lines: seconds between lines (default: ${DEFAULT-VALUE})")
    double intervalSeconds;
    @Option(names = "--verbose", description = "Also print the injector's own console (Gatling's tables) as it runs; "
            + "it is always kept in injector.log in the run folder")
    boolean verbose;

    /** Starts the view of one command; what the command prints meanwhile goes through the watch's {@code out()}. */
    ProgressWatch start(String command, CommandSpec spec) {
        return new ProgressWatch(command, mode().view(spec.commandLine().getOut(), spec.commandLine().getErr(), intervalMillis()));
    }

    ConsoleMode mode() {
        try {
            return ConsoleMode.choose(mode, System.getenv(ConsoleMode.ENV), ConsoleMode.stdoutIsTerminal(), System.getenv("TERM"));
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
    }

    private long intervalMillis() {
        if (!(intervalSeconds > 0)) {
            throw new UserError("--progress-interval: must be more than 0 seconds, got " + intervalSeconds);
        }
        return (long) (intervalSeconds * 1000);
    }

    /** These options as given, for a command that runs {@code load} as one of its steps. */
    List<String> args() {
        List<String> a = new ArrayList<>();
        if (mode != null) {
            a.addAll(List.of("--progress", mode));
        }
        if (intervalSeconds != 10) {
            a.addAll(List.of("--progress-interval", String.valueOf(intervalSeconds)));
        }
        if (verbose) {
            a.add("--verbose");
        }
        return a;
    }
}
