package dev.mconats.cluster;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The last meaningful line of a server log, to put the cause into a one-line error. */
final class LogTail {
    private LogTail() {
    }

    static String of(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            for (int i = lines.size() - 1; i >= 0; i--) {
                String l = lines.get(i).trim();
                if (!l.isEmpty()) {
                    return l + " (log: " + log + ")";
                }
            }
            return "no output (log: " + log + ")";
        } catch (Exception e) {
            return "no log at " + log;
        }
    }
}
