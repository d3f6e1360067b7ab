package dev.mconats.cli.progress;

import java.io.PrintWriter;

/** {@code --progress off}: no progress lines; what the command prints itself still goes through. */
final class QuietView extends PlainView {
    QuietView(PrintWriter out, PrintWriter err) {
        super(out, err);
    }

    @Override
    public void show(Board board) {
    }

    @Override
    public void finish(Board board) {
    }
}
