package dev.mconats.cluster;

import java.util.Locale;

/** How a member goes away: a crash (SIGKILL, no goodbye to anyone) or a graceful stop (SIGTERM, connections closed). */
public enum FaultKind {
    KILL, STOP;

    /** "kill" or "stop", as in parameters, target files and summaries. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static FaultKind parse(String s) {
        for (FaultKind k : values()) {
            if (k.label().equalsIgnoreCase(s.trim())) {
                return k;
            }
        }
        throw new IllegalArgumentException("expected kill or stop, got '" + s + "'");
    }
}
