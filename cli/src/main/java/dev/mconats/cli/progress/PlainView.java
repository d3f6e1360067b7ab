package dev.mconats.cli.progress;

import java.io.PrintWriter;

/** A view that never rewrites what it printed: permanent lines go straight through. */
abstract class PlainView implements ProgressView {
    protected final PrintWriter out;
    private final PrintWriter err;

    PlainView(PrintWriter out, PrintWriter err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public synchronized void println(String line) {
        out.println(line);
        out.flush();
    }

    @Override
    public synchronized void printErr(String line) {
        out.flush();
        err.println(line);
        err.flush();
    }

    @Override
    public void close() {
        out.flush();
    }
}
