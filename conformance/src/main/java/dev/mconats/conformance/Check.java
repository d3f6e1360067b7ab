package dev.mconats.conformance;

import java.util.List;

/**
 * One conformance check. The ID is stable (reports, filters and CI history refer to it); the requirement is one
 * line; the source says where the requirement comes from (the seed guide, an RFC, or a known failure).
 */
public interface Check {
    String id();

    String requirement();

    String source();

    /** Runs the check; one result per node where it applies, else one for the cluster. Never throws for a bad target. */
    List<CheckResult> run(ConformanceContext ctx);
}
