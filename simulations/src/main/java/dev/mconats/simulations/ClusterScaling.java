package dev.mconats.simulations;

import dev.mconats.targetmodel.TargetException;

/**
 * {@link SingleServerScaling} on a cluster (by default the embedded 3-node mesh): each node orders the servers at
 * random, as Choria does, so nodes spread over the members; one client per member (pinned to it) so every broadcast
 * crosses the routes to reach the nodes on the other members. Same claims.
 */
public class ClusterScaling extends SingleServerScaling {
    public ClusterScaling() {
        super("cluster");
        if (setup.servers().size() < 2) {
            throw new TargetException("ClusterScaling needs a target with at least 2 servers; " + setup.target().name()
                    + " has " + setup.servers().size() + " (use SingleServerScaling)");
        }
    }
}
