package dev.mconats.reports.compare;

/** Outcome of comparing one metric of run B against run A. */
public enum Verdict {
    BETTER, WORSE, SAME_WITHIN_NOISE, DIFFERENT_LOAD, NOT_COMPARABLE;

    public String label() {
        return switch (this) {
            case BETTER -> "better";
            case WORSE -> "worse";
            case SAME_WITHIN_NOISE -> "same within noise";
            case DIFFERENT_LOAD -> "different load";
            case NOT_COMPARABLE -> "not comparable";
        };
    }
}
