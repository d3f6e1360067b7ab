package dev.mconats.srv;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.random.RandomGenerator;

/**
 * The order in which a client tries SRV targets (RFC 2782, "Usage rules"): priority ascending; within one priority a
 * weighted random draw without replacement, zero-weight records placed first so they are picked only rarely.
 */
public final class Rfc2782 {
    private Rfc2782() {
    }

    public static List<SrvRecord> order(List<SrvRecord> records, RandomGenerator random) {
        Map<Integer, List<SrvRecord>> byPriority = new TreeMap<>();
        for (SrvRecord r : records) {
            byPriority.computeIfAbsent(r.priority(), p -> new ArrayList<>()).add(r);
        }
        List<SrvRecord> out = new ArrayList<>(records.size());
        for (List<SrvRecord> group : byPriority.values()) {
            List<SrvRecord> left = new ArrayList<>(group);
            // "in any order": shuffle first, or equal zero-weight records would always come out in DNS order.
            for (int i = left.size() - 1; i > 0; i--) {
                java.util.Collections.swap(left, i, random.nextInt(i + 1));
            }
            left.sort(Comparator.comparingInt(r -> r.weight() == 0 ? 0 : 1)); // stable: zero weights first
            while (!left.isEmpty()) {
                int sum = 0;
                for (SrvRecord r : left) {
                    sum += r.weight();
                }
                int pick = random.nextInt(sum + 1); // uniform in [0, sum]
                int running = 0;
                for (int i = 0; i < left.size(); i++) {
                    running += left.get(i).weight();
                    if (running >= pick) {
                        out.add(left.remove(i));
                        break;
                    }
                }
            }
        }
        return out;
    }
}
