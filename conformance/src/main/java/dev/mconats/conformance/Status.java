package dev.mconats.conformance;

/**
 * The verdict of one check on one node. Order matters: a check's overall status is the most severe of its results
 * ({@link #FAIL} > {@link #WARN} > {@link #PASS} > {@link #SKIP}).
 */
public enum Status {
    /** Not run here, with the reason (e.g. the target gives no CA key, or the client port offers no TLS). */
    SKIP,
    /** The requirement holds. */
    PASS,
    /** The requirement holds, but something deserves attention (e.g. the server certificate expires soon). */
    WARN,
    /** The requirement does not hold. */
    FAIL;

    public static Status worst(Iterable<Status> statuses) {
        Status worst = null;
        for (Status s : statuses) {
            if (worst == null || s.compareTo(worst) > 0) {
                worst = s;
            }
        }
        return worst == null ? SKIP : worst;
    }
}
