package dev.mconats.reports.capacity;

/** What caps the number of nodes one server can hold: a model of the budget, or a hard limit of the server. */
public enum Limit {
    MEMORY("the memory budget", "memory", false),
    CPU("the CPU budget", "CPU", false),
    MAX_CONNECTIONS("max_connections", "max_connections", true),
    OPEN_FILES("the open-files limit", "open files", true);

    private final String label;
    private final String shortLabel;
    private final boolean hard;

    Limit(String label, String shortLabel, boolean hard) {
        this.label = label;
        this.shortLabel = shortLabel;
        this.hard = hard;
    }

    public String label() {
        return label;
    }

    /** For a table cell: "memory", "open files". */
    public String shortLabel() {
        return shortLabel;
    }

    /** A limit the server enforces (exact), as opposed to a model fitted to the run (an estimate). */
    public boolean hard() {
        return hard;
    }
}
