package dev.mconats.conformance;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Everything one run found: the target, where its servers came from and how each answered, and every check's
 * results. This is what the JSON, JUnit XML, HTML and console writers render.
 *
 * @param servers one line per server the target names (answered or not)
 */
public record SuiteResult(String target, String targetFile, String discovery, List<String> servers, Instant started,
                          Duration duration, List<CheckRun> checks) {

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
        Map<Status, Long> m = new TreeMap<>();
        for (Status s : Status.values()) {
            m.put(s, 0L);
        }
        results().forEach(r -> m.merge(r.status(), 1L, Long::sum));
        return m;
    }

    public boolean failed() {
        return results().stream().anyMatch(r -> r.status() == Status.FAIL);
    }

    /** The process exit code: 0 when nothing FAILs, 1 otherwise. */
    public int exitCode() {
        return failed() ? 1 : 0;
    }
}
