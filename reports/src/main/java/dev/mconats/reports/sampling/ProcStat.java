package dev.mconats.reports.sampling;

import java.nio.file.Files;
import java.nio.file.Path;

/** CPU time from a Linux {@code stat} file of procfs ({@code /proc/<pid>/stat}, {@code /proc/self/task/<tid>/stat}). */
public final class ProcStat {
    private ProcStat() {
    }

    /**
     * utime + stime (fields 14 and 15) in clock ticks (USER_HZ, 100 on Linux), or -1 when the file cannot be read or
     * parsed (no procfs, a process or thread that ended). Fields are counted after the last ')' because the command
     * name in field 2 may itself hold spaces and parentheses.
     */
    public static long cpuTicks(Path stat) {
        try {
            String s = Files.readString(stat);
            String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]);
        } catch (Exception e) {
            return -1;
        }
    }
}
