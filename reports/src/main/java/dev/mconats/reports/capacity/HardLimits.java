package dev.mconats.reports.capacity;

import dev.mconats.reports.samples.Sample;
import dev.mconats.reports.samples.SampleSeries;
import dev.mconats.reports.samples.ServerSample;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The limits the servers enforce whatever the budget, as the servers and their processes reported them during the
 * run: {@code max_connections} from /varz, and the process's open-files limit (read from {@code /proc/<pid>/limits}
 * by the sampler, or declared in the target file). Over several servers the lowest counts. Every client connection
 * costs the server one open file; the files it holds for anything else (listeners, routes, its log) are measured as
 * open files minus client connections when the sampler found the process.
 *
 * @param maxConnections   lowest /varz max_connections seen; -1 unknown
 * @param openFilesLimit   lowest open-files limit; -1 unknown
 * @param openFilesSource  where that limit comes from ({@code /proc/<pid>/limits}, {@code target file}); null unknown
 * @param otherOpenFiles   most files a server held besides client connections; -1 unknown
 */
public record HardLimits(long maxConnections, long openFilesLimit, String openFilesSource, long otherOpenFiles) {
    public static HardLimits of(SampleSeries series) {
        long maxConns = -1;
        long files = -1;
        long other = -1;
        Set<String> sources = new LinkedHashSet<>();
        for (Sample s : series.samples()) {
            for (ServerSample v : s.servers()) {
                if (!v.ok()) {
                    continue;
                }
                if (v.maxConnections() > 0) {
                    maxConns = maxConns < 0 ? v.maxConnections() : Math.min(maxConns, v.maxConnections());
                }
                var p = v.process();
                if (p != null && p.openFilesLimit() > 0) {
                    files = files < 0 ? p.openFilesLimit() : Math.min(files, p.openFilesLimit());
                    if (p.source() != null) {
                        sources.add(p.source().startsWith("/proc/") ? "/proc/<pid>/limits" : p.source());
                    }
                    if (p.openFiles() >= 0 && v.connections() >= 0) {
                        other = Math.max(other, p.openFiles() - v.connections());
                    }
                }
            }
        }
        return new HardLimits(maxConns, files, sources.isEmpty() ? null : String.join(", ", sources), other);
    }

    /** Client connections max_connections admits; NaN unknown. */
    public double nodesByMaxConnections() {
        return maxConnections > 0 ? maxConnections : Double.NaN;
    }

    /** Client connections the open-files limit leaves room for; NaN unknown. */
    public double nodesByOpenFiles() {
        return openFilesLimit > 0 ? openFilesLimit - Math.max(0, otherOpenFiles) : Double.NaN;
    }
}
