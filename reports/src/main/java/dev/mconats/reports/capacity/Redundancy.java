package dev.mconats.reports.capacity;

/**
 * Fleet sizes a cluster carries when a member is lost, from a per-server figure. A node whose server goes away
 * reconnects to one of the others, and nats-server does not move it back when the member returns: so the fleet must
 * fit on the survivors, each taking its share of the lost member's nodes (nodes spread evenly).
 */
public final class Redundancy {
    private Redundancy() {
    }

    /** Nodes the cluster holds with every member up. */
    public static double allUp(int servers, double perServer) {
        return servers * perServer;
    }

    /** Nodes the cluster holds so that losing any one member leaves no survivor above {@code perServer}. */
    public static double oneDown(int servers, double perServer) {
        return servers < 2 ? 0 : (servers - 1) * perServer;
    }

    /** Servers a fleet needs with N+1 redundancy: enough to hold it with one member lost. */
    public static long serversFor(long fleet, double perServer) {
        if (!(perServer >= 1) || fleet < 1) {
            return -1;
        }
        return (long) Math.ceil(fleet / Math.floor(perServer)) + 1;
    }

    /**
     * Largest share of the fleet one member holds during a rolling restart (members restarted one after the other,
     * each one's nodes spread evenly over the others, nothing moved back on return). With 3 servers it is 3/4: the
     * last member ends up with three quarters of the fleet, more than losing one member (1/2) ever gives it.
     */
    public static double rollingRestartPeakShare(int servers) {
        if (servers < 2) {
            return 1;
        }
        if (servers < SHARES.length) {
            return SHARES[servers];
        }
        return peakShare(servers);
    }

    /** Shares for clusters up to 256 servers, worked out once (the calculator asks for every size). */
    private static final double[] SHARES = new double[257];

    static {
        for (int n = 2; n < SHARES.length; n++) {
            SHARES[n] = peakShare(n);
        }
    }

    private static double peakShare(int servers) {
        double[] share = new double[servers];
        java.util.Arrays.fill(share, 1.0 / servers);
        double peak = 1.0 / servers;
        for (int down = 0; down < servers; down++) {
            double moved = share[down];
            share[down] = 0;
            for (int i = 0; i < servers; i++) {
                if (i != down) {
                    share[i] += moved / (servers - 1);
                    peak = Math.max(peak, share[i]);
                }
            }
        }
        return peak;
    }

    /** Nodes a cluster of this size carries through a rolling restart without any member above {@code perServer}. */
    public static double rollingRestart(int servers, double perServer) {
        return servers < 2 ? 0 : perServer / rollingRestartPeakShare(servers);
    }
}
