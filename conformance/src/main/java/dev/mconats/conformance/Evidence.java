package dev.mconats.conformance;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects the evidence lines of one verdict. Lines start with what they are ({@code sent:}, {@code recv:},
 * {@code time:}, {@code note:}) so that a reader of the report can replay the exchange.
 */
public final class Evidence {
    private final List<String> lines = new ArrayList<>();

    public Evidence sent(String what) {
        return add("sent: " + what);
    }

    public Evidence received(String what) {
        return add("recv: " + what);
    }

    public Evidence time(String what) {
        return add("time: " + what);
    }

    public Evidence note(String what) {
        return add("note: " + what);
    }

    public Evidence addAll(List<String> more) {
        more.forEach(this::add);
        return this;
    }

    public Evidence add(String line) {
        lines.add(line.replace("\r", "\\r").replace("\n", "\\n"));
        return this;
    }

    public List<String> lines() {
        return List.copyOf(lines);
    }

    /** Milliseconds with one decimal, the unit of every timing in the reports. */
    public static String ms(long nanos) {
        return String.format(java.util.Locale.ROOT, "%.1f ms", nanos / 1e6);
    }
}
