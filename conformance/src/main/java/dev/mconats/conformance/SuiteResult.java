package dev.mconats.conformance;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Everything one run found: the target, where its servers came from and how each answered, and every check's
 * results. This is what the JSON, JUnit XML, HTML and console writers render.
 *
 * @param servers one line per server the target names (answered or not)
 * @param strict  the run was judged strictly: SKIP and WARN fail it too
 */
public record SuiteResult(String target, String targetFile, String discovery, List<String> servers, Instant started,
                          Duration duration, List<CheckRun> checks, boolean strict) {

    /** One check's results, with its overall status (the most severe of them). */
    public record CheckRun(String id, String requirement, String source, Status status, List<CheckResult> results, Duration duration) {
        public CheckRun {
            results = List.copyOf(results);
        }
    }

    public SuiteResult {
        servers = List.copyOf(servers);
        checks = List.copyOf(checks);
    }

    public List<CheckResult> results() {
        return checks.stream().flatMap(c -> c.results().stream()).toList();
    }

    /** Result counts by status (every status present, zero included). */
    public Map<Status, Long> counts() {
        Map<Status, Long> m = new EnumMap<>(Status.class);
        for (Status s : Status.values()) {
            m.put(s, 0L);
        }
        results().forEach(r -> m.merge(r.status(), 1L, Long::sum));
        return m;
    }

    public boolean failed() {
        return results().stream().anyMatch(r -> r.status() == Status.FAIL);
    }

    /** True when the run passes as judged: nothing FAILed, and under {@link #strict} nothing was skipped or warned either. */
    public boolean passed() {
        Map<Status, Long> c = counts();
        return c.get(Status.FAIL) == 0 && (!strict || c.get(Status.SKIP) + c.get(Status.WARN) == 0);
    }

    /** The process exit code: 0 when the run passed, 1 otherwise. */
    public int exitCode() {
        return passed() ? 0 : 1;
    }

    /** PASS or FAIL for the run as a whole, as judged ({@link #passed()}). */
    public Status status() {
        return passed() ? Status.PASS : Status.FAIL;
    }

    /**
     * One line that never hides a SKIP or a WARN: "PASSED", "PASSED with 3 SKIPPED, 1 WARN", "FAILED: 2 FAILED,
     * 1 SKIPPED", "FAILED (strict): 1 SKIPPED". Counts are results (one per check and node).
     */
    public String headline() {
        Map<Status, Long> c = counts();
        List<String> parts = new ArrayList<>();
        if (c.get(Status.FAIL) > 0) {
            parts.add(c.get(Status.FAIL) + " FAILED");
        }
        if (c.get(Status.SKIP) > 0) {
            parts.add(c.get(Status.SKIP) + " SKIPPED");
        }
        if (c.get(Status.WARN) > 0) {
            parts.add(c.get(Status.WARN) + " WARN");
        }
        String detail = String.join(", ", parts);
        if (passed()) {
            return parts.isEmpty() ? "PASSED" : "PASSED with " + detail;
        }
        return (failed() ? "FAILED: " : "FAILED (strict): ") + detail;
    }
}
