package dev.mconats.cli.progress;

import java.io.PrintWriter;

/**
 * Progress for logs and files: one compact line at every phase change and otherwise every {@code intervalMillis};
 * nothing is ever rewritten.
 */
final class LineView extends PlainView {
    private final long intervalMillis;
    private String lastKey;
    private long lastPrint;

    LineView(PrintWriter out, PrintWriter err, long intervalMillis) {
        super(out, err);
        this.intervalMillis = intervalMillis;
    }

    @Override
    public synchronized void show(Board board) {
        long now = System.currentTimeMillis();
        if (!board.key().equals(lastKey) || now - lastPrint >= intervalMillis) {
            println(board.compact());
            lastKey = board.key();
            lastPrint = now;
        }
    }

    @Override
    public synchronized void finish(Board board) {
        println(board.compact());
        lastKey = board.key();
        lastPrint = System.currentTimeMillis();
    }
}
