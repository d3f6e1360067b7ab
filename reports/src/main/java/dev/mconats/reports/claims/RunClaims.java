package dev.mconats.reports.claims;

import static dev.mconats.reports.capacity.PublishedFigures.CONNECTIONS_PER_BROKER;
import static dev.mconats.reports.capacity.PublishedFigures.NODES_FOR_RSS;
import static dev.mconats.reports.capacity.PublishedFigures.PRODUCTION_BROKERS;
import static dev.mconats.reports.capacity.PublishedFigures.PRODUCTION_CONNECTIONS;
import static dev.mconats.reports.capacity.PublishedFigures.PRODUCTION_DISCOVERY_MILLIS;
import static dev.mconats.reports.capacity.PublishedFigures.PRODUCTION_DISCOVERY_NODES;
import static dev.mconats.reports.capacity.PublishedFigures.RSS_BYTES_AT_NODES;

import dev.mconats.reports.capacity.CapacityEstimate;
import dev.mconats.reports.capacity.Limit;
import dev.mconats.reports.capacity.LinearFit;
import dev.mconats.reports.capacity.PublishedFigures;
import dev.mconats.reports.html.Fmt;
import dev.mconats.reports.run.LoadResult;
import dev.mconats.reports.run.RunAnalysis;
import dev.mconats.reports.samples.ServerSample;
import dev.mconats.reports.storm.StormResult;
import dev.mconats.reports.storm.StormStep;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The claims one run tested and what it found: the seed's "scales to a very large number of nodes even on one node",
 * Choria's published per-broker figures, the run's own load assertions, and its storm. A size claim counts as
 * confirmed only when the run reached the size with every load claim met; a published figure measured within
 * {@link #TOLERANCE} of it (or better) is confirmed, beyond that contradicted.
 */
public final class RunClaims {
    /** How far above a published figure a measured one may lie and still count as "around" it. */
    public static final double TOLERANCE = 0.25;
    private static final String OURS = "this run's load claims (Gatling assertions)";
    private static final Pattern GATLING = Pattern.compile("^(.*) : (true|false) \\(actual : (.*)\\)$");

    private RunClaims() {
    }

    /** Claims of a run with samples or a load summary; empty for a run that measured no load (e.g. conformance only). */
    public static List<Claim> of(RunAnalysis r) {
        List<Claim> out = new ArrayList<>();
        CapacityEstimate c = r.capacity();
        Optional<Boolean> held = r.claimsHeld();
        if (c.servers() > 0 && c.measuredPerServer() > 0) {
            out.add(seed(c, held));
            out.add(perBroker(c, held));
            out.add(rssAt10k(c));
            out.add(production(r, c, held));
            out.add(discovery(r, c, held));
        }
        r.load().ifPresent(l -> {
            l.assertions().forEach(a -> out.add(assertion(a)));
            l.storm().ifPresent(s -> out.add(storm(s)));
        });
        return out;
    }

    private static Claim seed(CapacityEstimate c, Optional<Boolean> held) {
        String claim = "“" + PublishedFigures.SEED_CLAIM + "”";
        if (c.servers() > 1) {
            return new Claim(claim, PublishedFigures.SEED_SOURCE, ClaimStatus.NOT_TESTED, "this run spread its load over "
                    + c.servers() + " servers; the largest load on one of them was " + Fmt.count(c.measuredPerServer())
                    + " connections");
        }
        String n = Fmt.count(c.measuredFleet()) + " nodes on one server";
        String scale = "; “very large” names no number: Choria's " + Fmt.count(CONNECTIONS_PER_BROKER) + " per broker is the figure to hold it to";
        return sized(claim, PublishedFigures.SEED_SOURCE, held, "confirmed up to " + n + scale,
                "the run's load claims failed with " + n, "one server held " + n + ", but the run recorded no load claims");
    }

    private static Claim perBroker(CapacityEstimate c, Optional<Boolean> held) {
        String claim = "handles " + Fmt.count(CONNECTIONS_PER_BROKER) + " Choria connections per node";
        if (c.measuredPerServer() >= CONNECTIONS_PER_BROKER) {
            String n = Fmt.count(c.measuredPerServer()) + " connections on one server";
            return sized(claim, PublishedFigures.SOURCE, held, "confirmed: " + n, "the run's load claims failed with " + n,
                    n + ", but the run recorded no load claims");
        }
        StringBuilder f = new StringBuilder("largest load measured: ").append(Fmt.count(c.measuredPerServer()))
                .append(" connections on one server (").append(Fmt.count(CONNECTIONS_PER_BROKER)).append(" would be ")
                .append(Fmt.times((double) CONNECTIONS_PER_BROKER / c.measuredPerServer())).append(" beyond it)");
        CapacityEstimate.Bound b = c.bound();
        if (b.known() && !Double.isNaN(c.modelNodesPerServer())) {
            f.append("; the model suggests ").append(Fmt.count(b.nodes())).append(" per server (bounded by ")
                    .append(b.limit().label()).append(")");
        }
        double cap = hardCap(c);
        if (cap < CONNECTIONS_PER_BROKER) {
            Limit l = cap == c.limits().nodesByOpenFiles() ? Limit.OPEN_FILES : Limit.MAX_CONNECTIONS;
            f.append("; and these servers cannot reach it: ").append(l.label()).append(" caps each at ").append(Fmt.count(cap));
        }
        return new Claim(claim, PublishedFigures.SOURCE, ClaimStatus.COULD_NOT_TELL, f.toString());
    }

    private static double hardCap(CapacityEstimate c) {
        double a = c.limits().nodesByMaxConnections();
        double b = c.limits().nodesByOpenFiles();
        return Double.isNaN(a) ? (Double.isNaN(b) ? Double.POSITIVE_INFINITY : b) : Double.isNaN(b) ? a : Math.min(a, b);
    }

    private static Claim rssAt10k(CapacityEstimate c) {
        String claim = "a broker with " + Fmt.count(NODES_FOR_RSS) + " connected nodes consumes around 300 MB RSS";
        if (c.memory().isEmpty()) {
            return new Claim(claim, PublishedFigures.SOURCE, ClaimStatus.COULD_NOT_TELL, "no memory fit in this run");
        }
        LinearFit f = c.memory().get();
        double rss = f.at(NODES_FOR_RSS);
        String at = Fmt.bytes(rss) + " at " + Fmt.count(NODES_FOR_RSS) + " connections (" + Fmt.times(rss / RSS_BYTES_AT_NODES)
                + " the published " + Fmt.bytes(RSS_BYTES_AT_NODES) + "), " + Fmt.bytes(f.slope()) + " per connection against ~"
                + Fmt.bytes(PublishedFigures.bytesPerNode()) + " published";
        if (f.xMax() < NODES_FOR_RSS) {
            return new Claim(claim, PublishedFigures.SOURCE, ClaimStatus.COULD_NOT_TELL, "measured only up to "
                    + Fmt.count(f.xMax()) + " connections per server; the memory fit, extrapolated, gives " + at);
        }
        boolean ok = rss <= (1 + TOLERANCE) * RSS_BYTES_AT_NODES;
        return new Claim(claim, PublishedFigures.SOURCE, ok ? ClaimStatus.CONFIRMED : ClaimStatus.CONTRADICTED, "measured: " + at);
    }

    private static Claim production(RunAnalysis r, CapacityEstimate c, Optional<Boolean> held) {
        String claim = "production test: " + PRODUCTION_BROKERS + " brokers carried " + Fmt.count(PRODUCTION_CONNECTIONS)
                + " connections, one broker on 4 vCPU / 8 GB at ~1.18 GB RSS";
        long perBroker = PublishedFigures.productionConnectionsPerBroker();
        double peakRss = r.series().samples().stream().flatMap(s -> s.servers().stream()).filter(ServerSample::ok)
                .mapToLong(ServerSample::mem).max().orElse(-1);
        if (c.servers() == PRODUCTION_BROKERS && c.measuredFleet() >= PRODUCTION_CONNECTIONS) {
            String n = Fmt.count(c.measuredFleet()) + " nodes on " + c.servers() + " servers, largest server RSS " + Fmt.bytes(peakRss);
            return sized(claim, PublishedFigures.PRODUCTION_SOURCE, held, "confirmed: " + n, "the run's load claims failed with " + n,
                    n + ", but the run recorded no load claims");
        }
        String f = "this run: " + Fmt.count(c.measuredFleet()) + " nodes on " + c.servers() + (c.servers() == 1 ? " server" : " servers");
        if (c.memory().isPresent()) {
            LinearFit m = c.memory().get();
            f += "; the memory fit puts a broker with " + Fmt.count(perBroker) + " connections at " + Fmt.bytes(m.at(perBroker))
                    + (m.xMax() < perBroker ? " (extrapolated " + Fmt.times(perBroker / Math.max(1, m.xMax())) + " beyond the measured range)" : "");
        }
        return new Claim(claim, PublishedFigures.PRODUCTION_SOURCE, ClaimStatus.COULD_NOT_TELL, f);
    }

    private static Claim discovery(RunAnalysis r, CapacityEstimate c, Optional<Boolean> held) {
        String claim = "a Go client discovered ~" + Fmt.count(PRODUCTION_DISCOVERY_NODES) + " nodes in ~"
                + Fmt.millis(PRODUCTION_DISCOVERY_MILLIS);
        double p50 = r.load().map(LoadResult::discoveryMedianMillis).orElse(Double.NaN);
        if (Double.isNaN(p50)) {
            return new Claim(claim, PublishedFigures.PRODUCTION_SOURCE, ClaimStatus.COULD_NOT_TELL,
                    "no discovery times recorded in load-summary.json");
        }
        String n = "discovery of " + Fmt.count(c.measuredFleet()) + " nodes took " + Fmt.millis(p50)
                + " (median, broadcast to last reply)";
        if (c.measuredFleet() < PRODUCTION_DISCOVERY_NODES) {
            return new Claim(claim, PublishedFigures.PRODUCTION_SOURCE, ClaimStatus.COULD_NOT_TELL,
                    n + "; " + Fmt.count(PRODUCTION_DISCOVERY_NODES) + " nodes were not reached");
        }
        boolean ok = held.orElse(false) && p50 <= (1 + TOLERANCE) * PRODUCTION_DISCOVERY_MILLIS;
        return new Claim(claim, PublishedFigures.PRODUCTION_SOURCE, ok ? ClaimStatus.CONFIRMED : ClaimStatus.CONTRADICTED, n);
    }

    private static Claim sized(String claim, String source, Optional<Boolean> held, String ifHeld, String ifFailed, String ifUnknown) {
        if (held.isEmpty()) {
            return new Claim(claim, source, ClaimStatus.COULD_NOT_TELL, ifUnknown);
        }
        return held.get() ? new Claim(claim, source, ClaimStatus.CONFIRMED, ifHeld)
                : new Claim(claim, source, ClaimStatus.CONTRADICTED, ifFailed);
    }

    /** "discovery: 99th percentile ... is less than or equal to 3000.0 : true (actual : 245.0)" as claim and finding. */
    private static Claim assertion(LoadResult.Assertion a) {
        Matcher m = GATLING.matcher(a.text());
        String claim = m.matches() ? m.group(1) : a.text();
        String finding = m.matches() ? "actual " + m.group(3) : a.held() ? "held" : "failed";
        return new Claim(claim, OURS, a.held() ? ClaimStatus.CONFIRMED : ClaimStatus.CONTRADICTED, finding);
    }

    private static Claim storm(StormResult s) {
        String what = "RollingRestart".equals(s.kind()) ? "the fleet comes back after each member is restarted in turn"
                : "the fleet comes back after a member is lost";
        String claim = what + " (" + (s.kind() == null ? "storm" : s.kind()) + ", " + (s.fault() == null ? "fault" : s.fault()) + ")";
        long worst = s.steps().stream().mapToLong(StormStep::allReconnectedMs).max().orElse(-1);
        long affected = s.steps().stream().mapToLong(StormStep::affectedNodes).max().orElse(-1);
        String finding = (s.steps().isEmpty() ? "no steps recorded" : s.steps().size() + (s.steps().size() == 1 ? " step" : " steps")
                + ", up to " + Fmt.count(affected) + " nodes affected, all back within " + (worst < 0 ? "— (not all came back)" : Fmt.millis(worst)))
                + (s.reason() == null ? "" : "; " + s.reason());
        if (s.boundedByInjector()) {
            return new Claim(claim, OURS, ClaimStatus.COULD_NOT_TELL, "the injector ran out of CPU during a recovery, so the times "
                    + "measure the injector, not the servers; " + finding);
        }
        return new Claim(claim, OURS, s.passed() ? ClaimStatus.CONFIRMED : ClaimStatus.CONTRADICTED, finding);
    }
}
