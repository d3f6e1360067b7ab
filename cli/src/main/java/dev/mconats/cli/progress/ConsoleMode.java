package dev.mconats.cli.progress;

import java.io.Console;
import java.io.PrintWriter;
import java.lang.reflect.Method;
import java.util.Locale;

/**
 * How a long command shows where it is: {@link #TTY} rewrites a few lines in place, {@link #LINES} prints a compact
 * line now and then (CI logs, files, pipes), {@link #OFF} prints none. Chosen by {@code --progress}, else by
 * {@code $MCO_NATS_PROGRESS}, else by whether standard output is a terminal.
 */
public enum ConsoleMode {
    TTY, LINES, OFF;

    public static final String ENV = "MCO_NATS_PROGRESS";

    /**
     * @param option   the {@code --progress} value or null
     * @param env      {@code $MCO_NATS_PROGRESS} or null
     * @param terminal whether standard output is an interactive terminal
     * @param term     {@code $TERM} or null: a "dumb" terminal cannot move the cursor
     */
    public static ConsoleMode choose(String option, String env, boolean terminal, String term) {
        String given = option != null ? option : env;
        if (given != null && !given.isBlank() && !given.equalsIgnoreCase("auto")) {
            try {
                return valueOf(given.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException((option != null ? "--progress" : ENV) + ": expected auto, tty, lines or off, got '"
                        + given + "'");
            }
        }
        return terminal && !"dumb".equals(term) ? TTY : LINES;
    }

    /** The view of this mode on the command's output and error streams; {@code intervalMillis} between log lines. */
    public ProgressView view(PrintWriter out, PrintWriter err, long intervalMillis) {
        return switch (this) {
            case TTY -> new TerminalView(out, err, columns());
            case LINES -> new LineView(out, err, intervalMillis);
            case OFF -> new QuietView(out, err);
        };
    }

    /** $COLUMNS when the shell exported it; else 0 (the terminal clips long lines itself: auto-wrap is off). */
    private static int columns() {
        try {
            String c = System.getenv("COLUMNS");
            return c == null ? 0 : Integer.parseInt(c.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /**
     * Whether standard input and output are a terminal. {@code System.console()} alone does not say so from JDK 22 on
     * (it may return a console for redirected output); {@code Console.isTerminal()} (JDK 22+) does. On JDK 21 the
     * console is null unless both are a terminal.
     */
    public static boolean stdoutIsTerminal() {
        Console c = System.console();
        if (c == null) {
            return false;
        }
        try {
            Method isTerminal = Console.class.getMethod("isTerminal");
            return (Boolean) isTerminal.invoke(c);
        } catch (NoSuchMethodException e) {
            return true; // JDK 21: a console exists only for a terminal
        } catch (ReflectiveOperationException | RuntimeException e) {
            return false;
        }
    }
}
