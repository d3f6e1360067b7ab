package dev.mconats.cluster;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every process started by this JVM and not detached. One shutdown hook stops them all, so that a test run that
 * dies (or a Ctrl-C) leaves no nats-server or dnsmasq behind.
 */
public final class ProcessRegistry {
    private static final Set<RunningServer> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(ProcessRegistry::stopAll, "mco-nats-process-cleanup"));
    }

    private ProcessRegistry() {
    }

    public static void register(RunningServer p) {
        LIVE.add(p);
    }

    public static void unregister(RunningServer p) {
        LIVE.remove(p);
    }

    /** Processes this JVM still owns (for tests that prove nothing is left behind). */
    public static Set<RunningServer> live() {
        return Set.copyOf(LIVE);
    }

    static void stopAll() {
        LIVE.parallelStream().forEach(RunningServer::stop);
        LIVE.clear();
    }
}
