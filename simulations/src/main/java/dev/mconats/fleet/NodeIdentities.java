package dev.mconats.fleet;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Names of the simulated nodes: fleet index i (0-based) is {@code <prefix><i zero-padded>.<domain>}. An injector
 * holds one shard: with {@code shards = k}, shard s owns the fleet indexes i with {@code i % k == s}, so several
 * injector processes cover one fleet with disjoint identities. One injector is shard 0 of 1.
 */
public record NodeIdentities(String prefix, String domain, int fleetSize, int shard, int shards) {
    public static final String DEFAULT_PREFIX = "node";
    public static final String DEFAULT_DOMAIN = "sim.example.net";

    public NodeIdentities {
        if (fleetSize < 0) {
            throw new IllegalArgumentException("fleet size must be >= 0, got " + fleetSize);
        }
        if (shards < 1 || shard < 0 || shard >= shards) {
            throw new IllegalArgumentException("shard " + shard + " of " + shards + " is not a valid shard");
        }
        if (prefix.isEmpty() || domain.isEmpty() || prefix.contains(".") || domain.startsWith(".")) {
            throw new IllegalArgumentException("identity prefix/domain must be non-empty subject-safe names");
        }
    }

    /** The whole fleet in one injector. */
    public static NodeIdentities of(int fleetSize) {
        return new NodeIdentities(DEFAULT_PREFIX, DEFAULT_DOMAIN, fleetSize, 0, 1);
    }

    /** Nodes this shard simulates. */
    public int localSize() {
        return fleetSize / shards + (shard < fleetSize % shards ? 1 : 0);
    }

    /** Identity of the n-th node of this shard (0-based). */
    public String local(int localIndex) {
        if (localIndex < 0 || localIndex >= localSize()) {
            throw new IndexOutOfBoundsException("node " + localIndex + " of shard " + shard + " (" + localSize() + " nodes)");
        }
        return identity(fleetIndex(localIndex));
    }

    /** Fleet index of the n-th node of this shard. */
    public int fleetIndex(int localIndex) {
        if (localIndex < 0 || localIndex >= localSize()) {
            throw new IndexOutOfBoundsException("node " + localIndex + " of shard " + shard + " (" + localSize() + " nodes)");
        }
        return localIndex * shards + shard;
    }

    /** Identity of fleet index i, whichever shard simulates it. */
    public String identity(int fleetIndex) {
        if (fleetIndex < 0 || fleetIndex >= fleetSize) {
            throw new IndexOutOfBoundsException("node " + fleetIndex + " of a fleet of " + fleetSize);
        }
        return prefix + pad(fleetIndex) + "." + domain;
    }

    /** {@code count} distinct identities of the whole fleet, e.g. the targets of a directed request. */
    public List<String> sample(int count, RandomGenerator random) {
        int n = Math.min(count, fleetSize);
        List<String> out = new ArrayList<>(n);
        // Floyd's algorithm: n distinct indexes without materialising the fleet.
        java.util.Set<Integer> chosen = new java.util.LinkedHashSet<>();
        for (int j = fleetSize - n; j < fleetSize; j++) {
            int t = random.nextInt(j + 1);
            chosen.add(chosen.contains(t) ? j : t);
        }
        chosen.forEach(i -> out.add(identity(i)));
        return out;
    }

    private String pad(int i) {
        int width = Math.max(5, String.valueOf(Math.max(0, fleetSize - 1)).length());
        String s = Integer.toString(i);
        return "0".repeat(Math.max(0, width - s.length())) + s;
    }
}
