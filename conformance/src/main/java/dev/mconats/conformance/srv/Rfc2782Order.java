package dev.mconats.conformance.srv;

import dev.mconats.conformance.ClusterCheck;
import dev.mconats.conformance.ConformanceContext;
import dev.mconats.conformance.Evidence;
import dev.mconats.conformance.Verdict;
import dev.mconats.srv.Rfc2782;
import dev.mconats.srv.SrvRecord;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BiFunction;
import java.util.random.RandomGenerator;

/**
 * srv/rfc2782-order: over many draws of the order in which servers would be tried, priorities never decrease and,
 * within a priority, each record comes first as often as RFC 2782's weighted draw says (binomial tolerance). The
 * order function is injectable so that a wrong one can be shown to fail.
 */
public final class Rfc2782Order extends ClusterCheck {
    private final BiFunction<List<SrvRecord>, RandomGenerator, List<SrvRecord>> order;

    public Rfc2782Order() {
        this(Rfc2782::order);
    }

    public Rfc2782Order(BiFunction<List<SrvRecord>, RandomGenerator, List<SrvRecord>> order) {
        super("srv/rfc2782-order",
                "Servers are tried in RFC 2782 order: priority ascending, weighted random within a priority.",
                "RFC 2782 \"Usage rules\"; MCollective connector sorts SRV records this way (notes/mcollective-on-nats.md)");
        this.order = order;
    }

    @Override
    protected Verdict check(ConformanceContext ctx) {
        Evidence ev = new Evidence();
        if (ctx.discovery().srv().isEmpty()) {
            return Verdict.skip("the target names no srv.domain", ev);
        }
        List<SrvRecord> records = ctx.discovery().records();
        if (records.isEmpty()) {
            return Verdict.skip("no SRV records to order (see srv/records-present)", ev);
        }
        return judge(records, ctx.settings().rfc2782Draws(), ThreadLocalRandom.current().nextLong(), ev);
    }

    /** Draws {@code draws} orders with a seeded generator (the seed is in the evidence, so a failure can be replayed). */
    public Verdict judge(List<SrvRecord> records, int draws, long seed, Evidence ev) {
        ev.note(draws + " draws, seed " + seed + ", records " + records);
        RandomGenerator random = new SplittableRandom(seed);
        Map<Integer, List<SrvRecord>> byPriority = new TreeMap<>();
        records.forEach(r -> byPriority.computeIfAbsent(r.priority(), p -> new ArrayList<>()).add(r));
        Map<SrvRecord, Integer> firsts = new LinkedHashMap<>();
        records.forEach(r -> firsts.put(r, 0));
        List<String> sorted = records.stream().map(SrvRecord::toString).sorted().toList();
        for (int i = 0; i < draws; i++) {
            List<SrvRecord> o = order.apply(records, random);
            if (!o.stream().map(SrvRecord::toString).sorted().toList().equals(sorted)) {
                ev.received("draw " + i + ": " + o);
                return Verdict.fail("draw " + i + " is not an ordering of the records: " + o, ev);
            }
            for (int k = 1; k < o.size(); k++) {
                if (o.get(k).priority() < o.get(k - 1).priority()) {
                    ev.received("draw " + i + ": " + o);
                    return Verdict.fail("draw " + i + " tries priority " + o.get(k).priority() + " after priority "
                            + o.get(k - 1).priority() + ": " + o, ev);
                }
            }
            int at = 0;
            for (List<SrvRecord> group : byPriority.values()) {
                firsts.merge(o.get(at), 1, Integer::sum); // the first record tried within each priority
                at += group.size();
            }
        }
        double worst = 0;
        List<String> off = new ArrayList<>();
        for (List<SrvRecord> group : byPriority.values()) {
            Map<SrvRecord, Double> expected = expectedFirst(group);
            for (Map.Entry<SrvRecord, Double> e : expected.entrySet()) {
                double p = e.getValue();
                double observed = firsts.get(e.getKey()) / (double) draws;
                double tolerance = 5 * Math.sqrt(p * (1 - p) / draws) + 0.005;
                worst = Math.max(worst, Math.abs(observed - p) / tolerance);
                String line = String.format(Locale.ROOT, "%s: first within priority %d in %.2f%% of draws, RFC 2782 expects %.2f%% (+-%.2f)",
                        e.getKey(), e.getKey().priority(), 100 * observed, 100 * p, 100 * tolerance);
                ev.received(line);
                if (Math.abs(observed - p) > tolerance) {
                    off.add(line);
                }
            }
        }
        if (!off.isEmpty()) {
            return Verdict.fail("within a priority the order is not RFC 2782's weighted draw: " + off.get(0)
                    + (off.size() > 1 ? " (and " + (off.size() - 1) + " more)" : ""), ev);
        }
        return Verdict.pass(String.format(Locale.ROOT, "%d draws: priorities ascending every time; first picks match the weights "
                + "(largest deviation %.0f%% of the tolerance)", draws, 100 * worst), ev);
    }

    /**
     * The chance that each record of one priority is tried first under RFC 2782: zero-weight records go to the
     * front, a number is drawn uniformly from [0, sum of weights], and the first record whose running sum reaches it
     * wins; so a zero-weight record wins only on 0, shared with the other zero-weight records.
     */
    static Map<SrvRecord, Double> expectedFirst(List<SrvRecord> group) {
        Map<SrvRecord, Double> p = new LinkedHashMap<>();
        int sum = group.stream().mapToInt(SrvRecord::weight).sum();
        long zeros = group.stream().filter(r -> r.weight() == 0).count();
        long positives = group.size() - zeros;
        for (SrvRecord r : group) {
            double v;
            if (sum == 0) {
                v = 1.0 / group.size();
            } else if (r.weight() == 0) {
                v = 1.0 / ((sum + 1.0) * zeros);
            } else {
                v = r.weight() / (sum + 1.0) + (zeros == 0 ? 1.0 / ((sum + 1.0) * positives) : 0);
            }
            p.merge(r, v, Double::sum);
        }
        return p;
    }
}
