package dev.mconats.conformance;

import java.util.List;

/** What a check concluded for one node or the cluster, before the runner adds the check ID, node and duration. */
public record Verdict(Status status, String message, List<String> evidence) {
    public Verdict {
        evidence = List.copyOf(evidence);
    }

    public static Verdict pass(String message, Evidence evidence) {
        return new Verdict(Status.PASS, message, evidence.lines());
    }

    public static Verdict fail(String message, Evidence evidence) {
        return new Verdict(Status.FAIL, message, evidence.lines());
    }

    public static Verdict warn(String message, Evidence evidence) {
        return new Verdict(Status.WARN, message, evidence.lines());
    }

    public static Verdict skip(String reason, Evidence evidence) {
        return new Verdict(Status.SKIP, reason, evidence.lines());
    }
}
