package dev.mconats.reports.capacity;

/** What caps the number of nodes one server can hold: a model of the budget, or a hard limit of the server. */
public enum Limit {
    MEMORY("the memory budget", false),
    CPU("the CPU budget", false),
    MAX_CONNECTIONS("max_connections", true),
    OPEN_FILES("the open-files limit", true);

    private final String label;
    private final boolean hard;

    Limit(String label, boolean hard) {
        this.label = label;
        this.hard = hard;
    }

    public String label() {
        return label;
    }

    /** A limit the server enforces (exact), as opposed to a model fitted to the run (an estimate). */
    public boolean hard() {
        return hard;
    }
}
