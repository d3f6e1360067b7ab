package dev.mconats.reports.samples;

/** One route of a server in one sample, from /routez. */
public record RouteSample(String remoteId, String ip, long pendingSize, long inMsgs, long outMsgs, long subscriptions) {
}
