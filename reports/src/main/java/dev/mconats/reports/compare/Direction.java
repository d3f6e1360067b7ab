package dev.mconats.reports.compare;

/** Which way a metric improves. CONTEXT metrics describe the load, not the server: they differ, never improve. */
public enum Direction {
    LOWER_IS_BETTER, HIGHER_IS_BETTER, CONTEXT
}
