package dev.mconats.reports.samples;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * All samples of one run, in file order.
 *
 * @param malformedLines lines that were not a sample (e.g. a last line cut short by a crash); they are skipped
 */
public record SampleSeries(List<Sample> samples, int malformedLines) {
    public static final SampleSeries EMPTY = new SampleSeries(List.of(), 0);

    public SampleSeries {
        samples = List.copyOf(samples);
    }

    public boolean isEmpty() {
        return samples.isEmpty();
    }

    /** Server names in order of first appearance. */
    public List<String> serverNames() {
        Set<String> names = new LinkedHashSet<>();
        samples.forEach(s -> s.servers().forEach(v -> names.add(v.name())));
        return List.copyOf(names);
    }

    /** NATS versions reported by the servers (more than one during a rolling upgrade). */
    public Set<String> versions() {
        Set<String> v = new TreeSet<>();
        samples.forEach(s -> s.servers().stream().filter(x -> x.ok() && x.version() != null).forEach(x -> v.add(x.version())));
        return v;
    }

    public double durationSeconds() {
        return samples.isEmpty() ? 0 : samples.get(samples.size() - 1).elapsedSeconds() - samples.get(0).elapsedSeconds();
    }

    /** Peak connected nodes: the injector's live nodes when it reports them, else the servers' connection sum. */
    public long peakNodes() {
        long injector = samples.stream().mapToLong(s -> s.injector().liveNodes()).max().orElse(-1);
        return injector >= 0 ? injector : samples.stream().mapToLong(Sample::totalConnections).max().orElse(0);
    }

    /** Connected nodes at a sample, by the same rule as {@link #peakNodes()}. */
    public long nodesAt(Sample s) {
        return s.injector().liveNodes() >= 0 ? s.injector().liveNodes() : s.totalConnections();
    }
}
