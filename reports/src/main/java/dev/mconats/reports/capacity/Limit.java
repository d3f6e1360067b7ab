package dev.mconats.reports.capacity;

/**
 * What caps the number of nodes one server can hold: a model of the budget (MEMORY, CPU: estimates fitted to the run)
 * or a limit the server enforces (MAX_CONNECTIONS, OPEN_FILES: exact).
 */
public enum Limit {
    MEMORY("the memory budget", "memory"),
    CPU("the CPU budget", "CPU"),
    MAX_CONNECTIONS("max_connections", "max_connections"),
    OPEN_FILES("the open-files limit", "open files");

    private final String label;
    private final String shortLabel;

    Limit(String label, String shortLabel) {
        this.label = label;
        this.shortLabel = shortLabel;
    }

    public String label() {
        return label;
    }

    /** For a table cell: "memory", "open files". */
    public String shortLabel() {
        return shortLabel;
    }
}
