package dev.mconats.reports.samples;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Finds what a run's samples lack: servers that did not answer (a server died, or its monitor hung), injector figures
 * that failed, and stretches with no sample line at all (the sampler itself was starved; a stretch counts when the
 * time between two lines exceeds twice the median interval).
 */
public final class MissingSamples {
    private MissingSamples() {
    }

    public static List<Gap> of(SampleSeries series) {
        List<Gap> gaps = new ArrayList<>();
        List<Sample> s = series.samples();
        for (String name : series.serverNames()) {
            collect(gaps, name, s, i -> {
                ServerSample v = s.get(i).server(name).orElse(null);
                return v == null ? "not sampled" : v.error();
            });
        }
        collect(gaps, "injector", s, i -> s.get(i).injector().error());
        double median = medianInterval(s);
        if (median > 0) {
            for (int i = 1; i < s.size(); i++) {
                double d = s.get(i).elapsedSeconds() - s.get(i - 1).elapsedSeconds();
                if (d > 2 * median) {
                    gaps.add(new Gap("sampler", s.get(i - 1).elapsedSeconds(), s.get(i).elapsedSeconds(),
                            (int) Math.round(d / median) - 1, List.of("no sample written (sampler starved or stopped)"), true));
                }
            }
        }
        return gaps;
    }

    private interface ErrorAt {
        String at(int index);
    }

    private static void collect(List<Gap> out, String who, List<Sample> s, ErrorAt err) {
        int start = -1;
        Set<String> reasons = new LinkedHashSet<>();
        for (int i = 0; i <= s.size(); i++) {
            String e = i < s.size() ? err.at(i) : null;
            if (e != null) {
                if (start < 0) {
                    start = i;
                    reasons.clear();
                }
                reasons.add(e);
            } else if (start >= 0) {
                out.add(new Gap(who, s.get(start).elapsedSeconds(), s.get(i - 1).elapsedSeconds(), i - start,
                        List.copyOf(reasons), i < s.size()));
                start = -1;
            }
        }
    }

    static double medianInterval(List<Sample> s) {
        if (s.size() < 3) {
            return 0;
        }
        double[] d = new double[s.size() - 1];
        for (int i = 1; i < s.size(); i++) {
            d[i - 1] = s.get(i).elapsedSeconds() - s.get(i - 1).elapsedSeconds();
        }
        Arrays.sort(d);
        return d[d.length / 2];
    }

    /** Server samples with an error, over all servers. */
    public static int failedServerSamples(SampleSeries series) {
        return (int) series.samples().stream().flatMap(x -> x.servers().stream()).filter(v -> !v.ok()).count();
    }
}
