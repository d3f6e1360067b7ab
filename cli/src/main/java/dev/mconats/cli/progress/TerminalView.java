package dev.mconats.cli.progress;

import java.io.PrintWriter;
import java.util.List;

/**
 * Progress on a terminal: a few live lines (a headline, at most a line per shard) rewritten in place at the bottom,
 * with every permanent line printed above them. Three ANSI sequences do it — carriage return, cursor up, erase to
 * the end of the screen — with auto-wrap off while drawing, so a line wider than the terminal is clipped rather than
 * wrapped onto a line the next redraw would not erase.
 */
final class TerminalView implements ProgressView {
    static final String ESC = "\u001b[";
    private static final String WRAP_OFF = ESC + "?7l";
    private static final String WRAP_ON = ESC + "?7h";
    private static final String ERASE_BELOW = ESC + "J";

    private final PrintWriter out;
    private final PrintWriter err;
    private final int columns;
    private List<String> live = List.of();

    /** @param columns terminal width if known (lines are cut to it), else 0 */
    TerminalView(PrintWriter out, PrintWriter err, int columns) {
        this.out = out;
        this.err = err;
        this.columns = columns;
    }

    @Override
    public synchronized void show(Board board) {
        out.print(erase() + draw(board.lines()));
        out.flush();
        live = board.lines();
    }

    @Override
    public synchronized void println(String line) {
        out.print(erase() + line + "\n" + draw(live));
        out.flush();
    }

    @Override
    public synchronized void printErr(String line) {
        out.print(erase());
        out.flush();
        err.println(line);
        err.flush();
        out.print(draw(live));
        out.flush();
    }

    @Override
    public synchronized void finish(Board board) {
        out.print(erase() + draw(board.lines()) + "\n");
        out.flush();
        live = List.of();
    }

    @Override
    public synchronized void close() {
        if (!live.isEmpty()) {
            out.print("\n"); // the last state stays on screen as ordinary output
            out.flush();
            live = List.of();
        }
    }

    /** Back to the first live line, everything from there down erased. The cursor rests at the end of the last one. */
    private String erase() {
        if (live.isEmpty()) {
            return "";
        }
        return "\r" + (live.size() > 1 ? ESC + (live.size() - 1) + "A" : "") + ERASE_BELOW;
    }

    private String draw(List<String> lines) {
        if (lines.isEmpty()) {
            return "";
        }
        StringBuilder b = new StringBuilder(WRAP_OFF);
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i);
            b.append(columns > 1 && l.length() >= columns ? l.substring(0, columns - 1) : l);
            if (i < lines.size() - 1) {
                b.append('\n');
            }
        }
        return b.append(WRAP_ON).toString();
    }
}
