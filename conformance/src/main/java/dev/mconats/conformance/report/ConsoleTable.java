package dev.mconats.conformance.report;

import dev.mconats.conformance.CheckResult;
import dev.mconats.conformance.Status;
import dev.mconats.conformance.SuiteResult;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The compact table printed after a run: one line per check (status, ID, how many nodes passed, time), and under a
 * check that is not a clean PASS one indented line per node that did not pass, with its message; last the headline,
 * which names every SKIP and WARN ("PASSED with 3 SKIPPED, 1 WARN").
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
        b.append(r.headline()).append(" (").append(summary(r)).append(")\n");
        return b.toString();
    }

    /** "18 checks, 60 results: 56 PASS, 3 SKIP, 1 WARN, 0 FAIL in 2.34 s[, strict]" */
    public static String summary(SuiteResult r) {
        var counts = r.counts();
        return String.format(Locale.ROOT, "%d checks, %d results: %d PASS, %d SKIP, %d WARN, %d FAIL in %.2f s%s", r.checks().size(),
                r.results().size(), counts.get(Status.PASS), counts.get(Status.SKIP), counts.get(Status.WARN), counts.get(Status.FAIL),
                r.duration().toNanos() / 1e9, r.strict() ? "; --strict: SKIP and WARN fail the run" : "");
    }

    private static String abbreviate(String s) {
        return s.length() <= MESSAGE_WIDTH ? s : s.substring(0, MESSAGE_WIDTH - 3) + "...";
    }
}
