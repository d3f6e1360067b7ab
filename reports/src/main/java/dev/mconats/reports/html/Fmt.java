package dev.mconats.reports.html;

import java.util.Locale;

/** Numbers as people read them: binary units for memory, thousands separators, a dash for unknown. */
public final class Fmt {
    public static final String UNKNOWN = "–";

    private Fmt() {
    }

    public static String bytes(double b) {
        if (!Double.isFinite(b)) {
            return UNKNOWN;
        }
        double a = Math.abs(b);
        if (a >= 1L << 30) {
            return String.format(Locale.ROOT, "%.2f GiB", b / (1L << 30));
        }
        if (a >= 1 << 20) {
            return String.format(Locale.ROOT, "%.1f MiB", b / (1 << 20));
        }
        if (a >= 1 << 10) {
            return String.format(Locale.ROOT, "%.1f KiB", b / (1 << 10));
        }
        return String.format(Locale.ROOT, "%.0f B", b);
    }

    public static String count(double n) {
        return Double.isFinite(n) ? String.format(Locale.ROOT, "%,.0f", n) : UNKNOWN;
    }

    public static String num(double n, int decimals) {
        return Double.isFinite(n) ? String.format(Locale.ROOT, "%,." + decimals + "f", n) : UNKNOWN;
    }

    /** A value in the metric's unit, with sensible precision. */
    public static String value(double v, String unit) {
        if (!Double.isFinite(v)) {
            return UNKNOWN;
        }
        return switch (unit) {
            case "B" -> bytes(v);
            case "nodes", "replies", "events", "samples" -> count(v) + " " + unit;
            case "ms" -> millis(v);
            default -> num(v, Math.abs(v) >= 100 ? 0 : Math.abs(v) >= 10 ? 1 : 2) + " " + unit;
        };
    }

    public static String signed(double v, String unit) {
        if (!Double.isFinite(v)) {
            return UNKNOWN;
        }
        return (v > 0 ? "+" : v < 0 ? "−" : "±") + value(Math.abs(v), unit);
    }

    public static String percent(double p) {
        return Double.isFinite(p) ? String.format(Locale.ROOT, "%+.1f %%", p) : UNKNOWN;
    }

    /** A duration given in milliseconds: "850 ms", "12.3 s", "2.5 min". */
    public static String millis(double ms) {
        if (!Double.isFinite(ms)) {
            return UNKNOWN;
        }
        double a = Math.abs(ms);
        return a >= 1000 ? seconds(ms / 1000) : num(ms, a >= 100 ? 0 : a >= 10 ? 1 : 2) + " ms";
    }

    /** A multiple: "3.2×", "352×". */
    public static String times(double x) {
        return Double.isFinite(x) ? num(x, x >= 9.95 ? 0 : 1) + "×" : UNKNOWN;
    }

    public static String seconds(double s) {
        if (!Double.isFinite(s)) {
            return UNKNOWN;
        }
        return s >= 120 ? String.format(Locale.ROOT, "%.1f min", s / 60) : String.format(Locale.ROOT, "%.1f s", s);
    }
}
