package dev.mconats.reports;

import dev.mconats.reports.capacity.CapacityBudget;
import java.util.List;

/**
 * How to build the report.
 *
 * @param budget   the server the capacity estimate extrapolates to
 * @param compare  pairs of run ids to compare side by side at the top of the page (A is the baseline)
 */
public record ReportOptions(CapacityBudget budget, List<Pair> compare) {
    public record Pair(String runA, String runB) {
    }

    public ReportOptions {
        compare = List.copyOf(compare);
    }

    public static ReportOptions defaults() {
        return new ReportOptions(CapacityBudget.DEFAULT, List.of());
    }

    public ReportOptions comparing(String runA, String runB) {
        List<Pair> p = new java.util.ArrayList<>(compare);
        p.add(new Pair(runA, runB));
        return new ReportOptions(budget, p);
    }

    public ReportOptions withBudget(CapacityBudget b) {
        return new ReportOptions(b, compare);
    }
}
