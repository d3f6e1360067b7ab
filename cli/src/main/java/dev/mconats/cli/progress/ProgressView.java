package dev.mconats.cli.progress;

/**
 * Where a long command's progress goes. Everything else the command prints while a view is live goes through
 * {@link #println} and {@link #printErr}, so it lands above a terminal's live lines instead of through them.
 */
public interface ProgressView {
    /** The current state; a view decides whether and how to show it. */
    void show(Board board);

    /** A permanent line on standard output. */
    void println(String line);

    /** A permanent line on standard error, unchanged (e.g. the injector's one-line error). */
    void printErr(String line);

    /** The final state, left in place on a terminal or printed once in a log. */
    void finish(Board board);

    /** Ends the view: on a terminal the live lines stay where they are as ordinary output. */
    void close();
}
