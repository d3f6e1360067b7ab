package dev.mconats.reports.samples;

/**
 * A server's process as the sampler found it (in the first answer of each server process): its open-files limit and
 * where that figure comes from ({@code /proc/<pid>/limits}, or the target file), and the files it had open then.
 * Unknown counts are -1.
 */
public record ProcessSample(long pid, long openFilesLimit, long openFiles, String source) {
}
