package dev.mconats.reports.samples;

import java.util.List;

/**
 * A stretch of missing samples, for the report to say what is missing.
 *
 * @param who       a server name, {@code injector}, or {@code sampler} (no sample lines at all in that stretch)
 * @param fromS     elapsed seconds of the first missing sample (or of the last line before a sampler gap)
 * @param toS       elapsed seconds of the last missing sample (or of the first line after a sampler gap)
 * @param samples   how many samples are missing in the stretch (estimated from the interval for sampler gaps)
 * @param reasons   distinct error messages seen
 * @param recovered whether good samples follow the stretch
 */
public record Gap(String who, double fromS, double toS, int samples, List<String> reasons, boolean recovered) {
    public Gap {
        reasons = List.copyOf(reasons);
    }
}
