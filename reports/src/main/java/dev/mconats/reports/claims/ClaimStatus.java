package dev.mconats.reports.claims;

/** What one run says about a claim. */
public enum ClaimStatus {
    /** The run reached the claimed size (or measured the claimed figure) and its load claims held. */
    CONFIRMED("confirmed"),
    /** The run measured it, and it does not hold. */
    CONTRADICTED("contradicted"),
    /** The run did not reach the claimed size, or could not measure it: the finding says up to where it got. */
    COULD_NOT_TELL("could not tell"),
    /** The run was not the kind that tests it (e.g. a cluster run and a claim about one node). */
    NOT_TESTED("not tested");

    private final String label;

    ClaimStatus(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
