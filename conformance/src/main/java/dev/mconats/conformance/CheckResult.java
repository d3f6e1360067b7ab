package dev.mconats.conformance;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * One verdict: a check on one node (or on the whole cluster when {@code node} is empty), with a one-line message
 * (for SKIP and WARN: the reason) and the evidence behind it: what was sent, what came back, timings.
 */
public record CheckResult(String checkId, String node, Status status, String message, List<String> evidence, Duration duration) {
    /** Node label of results that concern the cluster as a whole (SRV record sets, membership). */
    public static final String CLUSTER = "";

    public CheckResult {
        Objects.requireNonNull(checkId, "checkId");
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(status, "status");
        message = message == null ? "" : message.replace('\n', ' ').strip();
        evidence = List.copyOf(evidence);
        Objects.requireNonNull(duration, "duration");
    }

    /** The node as shown in reports: its {@code host:port}, or "cluster". */
    public String nodeLabel() {
        return node.isEmpty() ? "cluster" : node;
    }

    /** The name of the JUnit test case: the check ID, with the node in brackets when there is one. */
    public String testName() {
        return node.isEmpty() ? checkId : checkId + "[" + node + "]";
    }
}
