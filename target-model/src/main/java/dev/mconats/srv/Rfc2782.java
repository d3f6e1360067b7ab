package dev.mconats.srv;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.random.RandomGenerator;

/**
 * The order in which a client tries SRV targets (RFC 2782, "Usage rules"): priority ascending; within one priority a
 * weighted random draw without replacement, zero-weight records placed first so they are picked only rarely.
 * {@link #order} draws one order; {@link #firstPick} and {@link #firstConnectionShares} give the exact chances.
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

    /**
     * The chance that each record of one priority is tried first (parallel to {@code group}). Zero-weight records go
     * to the front, a number is drawn uniformly from [0, sum of weights], and the first record whose running sum
     * reaches it wins: a record of weight w wins w / (sum + 1); the draw of 0 goes to the first record, which is a
     * zero-weight one when there are any (else any record), in random order.
     */
    public static double[] firstPick(List<SrvRecord> group) {
        double[] p = new double[group.size()];
        long sum = group.stream().mapToLong(SrvRecord::weight).sum();
        long zeros = group.stream().filter(r -> r.weight() == 0).count();
        for (int i = 0; i < p.length; i++) {
            int w = group.get(i).weight();
            if (sum == 0) {
                p[i] = 1.0 / group.size();
            } else if (w == 0) {
                p[i] = 1.0 / ((sum + 1.0) * zeros);
            } else {
                p[i] = w / (sum + 1.0) + (zeros == 0 ? 1.0 / ((sum + 1.0) * group.size()) : 0);
            }
        }
        return p;
    }

    /**
     * Each record's share of a fleet's first connections (parallel to {@code records}): the chance that a client
     * trying the records in RFC 2782 order connects first through that record, when the records that are not
     * {@code usable} (their server does not answer) make it move on to the next one in its order. Only the lowest
     * priority with a usable record gets any; records of higher priorities are tried only when all of it fail.
     */
    public static double[] firstConnectionShares(List<SrvRecord> records, Predicate<SrvRecord> usable) {
        double[] shares = new double[records.size()];
        Map<Integer, List<Integer>> byPriority = new TreeMap<>();
        for (int i = 0; i < records.size(); i++) {
            byPriority.computeIfAbsent(records.get(i).priority(), p -> new ArrayList<>()).add(i);
        }
        for (List<Integer> group : byPriority.values()) {
            List<SrvRecord> rs = group.stream().map(records::get).toList();
            int[] bit = new int[rs.size()]; // position among the unusable records, -1 for a usable one
            int unusable = 0;
            for (int i = 0; i < bit.length; i++) {
                bit[i] = usable.test(rs.get(i)) ? -1 : unusable++;
            }
            if (unusable == rs.size()) {
                continue; // every client falls through to the next priority
            }
            if (unusable > 20) {
                throw new IllegalArgumentException(unusable + " unusable records in priority " + rs.get(0).priority() + " (at most 20 are supported)");
            }
            double[] first = firstUsable(rs, bit, 0L, new HashMap<>());
            for (int i = 0; i < first.length; i++) {
                shares[group.get(i)] = first[i];
            }
            break;
        }
        return shares;
    }

    /** Distribution of the first usable record of one priority, given the unusable records already tried ({@code gone}). */
    private static double[] firstUsable(List<SrvRecord> group, int[] bit, long gone, Map<Long, double[]> memo) {
        double[] cached = memo.get(gone);
        if (cached != null) {
            return cached;
        }
        List<Integer> left = new ArrayList<>();
        for (int i = 0; i < group.size(); i++) {
            if (bit[i] < 0 || (gone & (1L << bit[i])) == 0) {
                left.add(i);
            }
        }
        double[] pick = firstPick(left.stream().map(group::get).toList());
        double[] out = new double[group.size()];
        for (int k = 0; k < left.size(); k++) {
            int i = left.get(k);
            if (bit[i] < 0) {
                out[i] += pick[k];
            } else {
                double[] next = firstUsable(group, bit, gone | (1L << bit[i]), memo);
                for (int j = 0; j < out.length; j++) {
                    out[j] += pick[k] * next[j];
                }
            }
        }
        memo.put(gone, out);
        return out;
    }
}
