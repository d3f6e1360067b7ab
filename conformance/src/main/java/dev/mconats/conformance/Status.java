package dev.mconats.conformance;

/**
 * The verdict of one check on one node. Order matters: a check's overall status is the most severe of its results
 * ({@link #FAIL} > {@link #WARN} > {@link #SKIP} > {@link #PASS}), so a check that could not look everywhere never
 * shows as a clean PASS.
 */
public enum Status {
    /** The requirement holds. */
    PASS,
    /** Not judged here, with the reason (e.g. the target gives no CA key, or the client port offers no TLS). */
    SKIP,
    /** The requirement holds, but something deserves attention (e.g. the server certificate expires soon). */
    WARN,
    /** The requirement does not hold. */
    FAIL;

    /** The most severe status; SKIP for none at all (nothing was judged). */
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
