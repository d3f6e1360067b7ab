package dev.mconats.conformance.report;

import dev.mconats.conformance.CheckResult;
import dev.mconats.conformance.Status;
import dev.mconats.conformance.SuiteResult;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The compact table printed after a run: one line per check (status, ID, how many nodes passed, time), and under a
 * check that is not a clean PASS one indented line per node that did not pass, with its message.
 */
public final class ConsoleTable {
    private static final int MESSAGE_WIDTH = 150;

    private ConsoleTable() {
    }

    public static String render(SuiteResult r) {
        StringBuilder b = new StringBuilder();
        b.append("conformance of ").append(r.target()).append(" (").append(r.discovery()).append(")\n");
        r.servers().forEach(s -> b.append("  ").append(s).append('\n'));
        int idWidth = r.checks().stream().mapToInt(c -> c.id().length()).max().orElse(10);
        for (SuiteResult.CheckRun c : r.checks()) {
            String tally = c.results().stream().collect(Collectors.groupingBy(CheckResult::status, java.util.TreeMap::new, Collectors.counting()))
                    .entrySet().stream().sorted((x, y) -> y.getKey().compareTo(x.getKey()))
                    .map(e -> e.getValue() + " " + e.getKey()).collect(Collectors.joining(", "));
            b.append(String.format(Locale.ROOT, "%-4s  %-" + idWidth + "s  %-22s %6.2f s%n", c.status(), c.id(), tally,
                    c.duration().toNanos() / 1e9));
            for (CheckResult res : c.results()) {
                if (res.status() != Status.PASS) {
                    b.append("        ").append(res.status()).append(' ').append(res.nodeLabel()).append(": ")
                            .append(abbreviate(res.message())).append('\n');
                }
            }
        }
        var counts = r.counts();
        b.append(String.format(Locale.ROOT, "%s: %d checks, %d results: %d PASS, %d WARN, %d SKIP, %d FAIL in %.2f s%n",
                r.failed() ? "FAILED" : "PASSED", r.checks().size(), r.results().size(), counts.get(Status.PASS),
                counts.get(Status.WARN), counts.get(Status.SKIP), counts.get(Status.FAIL), r.duration().toNanos() / 1e9));
        return b.toString();
    }

    private static String abbreviate(String s) {
        return s.length() <= MESSAGE_WIDTH ? s : s.substring(0, MESSAGE_WIDTH - 3) + "...";
    }
}
