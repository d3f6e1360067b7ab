package dev.mconats.conformance;

import java.time.Duration;

/** Holds a check's ID, requirement and source, and turns verdicts into results. */
public abstract class BaseCheck implements Check {
    private final String id;
    private final String requirement;
    private final String source;

    protected BaseCheck(String id, String requirement, String source) {
        this.id = id;
        this.requirement = requirement;
        this.source = source;
    }

    @Override
    public final String id() {
        return id;
    }

    @Override
    public final String requirement() {
        return requirement;
    }

    @Override
    public final String source() {
        return source;
    }

    protected CheckResult result(String node, Verdict v, long startNanos) {
        return new CheckResult(id, node, v.status(), v.message(), v.evidence(), Duration.ofNanos(System.nanoTime() - startNanos));
    }

    /** A check that broke on something unexpected reports FAIL with the reason, never a stack trace and never PASS. */
    protected CheckResult crashed(String node, RuntimeException e, long startNanos) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + e.getMessage();
        return result(node, Verdict.fail("the check could not complete: " + m, new Evidence()), startNanos);
    }

    @Override
    public String toString() {
        return id;
    }
}
