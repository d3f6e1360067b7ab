package dev.mconats.reports.html;

import static dev.mconats.reports.html.Html.esc;

import dev.mconats.reports.capacity.CapacityBudget;
import dev.mconats.reports.capacity.CapacityEstimate;
import dev.mconats.reports.capacity.CpuFit;
import dev.mconats.reports.capacity.HardLimits;
import dev.mconats.reports.capacity.LinearFit;
import dev.mconats.reports.capacity.PublishedFigures;
import dev.mconats.reports.capacity.Redundancy;
import dev.mconats.reports.run.RunAnalysis;
import java.util.Locale;
import java.util.Optional;

/**
 * A run's capacity: the headline (confirmed first, the model bounded by the hard limits after it), the hard limits
 * and where each was read, the models with their method and data range, what the cluster carries with a member
 * lost, a servers-for-a-fleet calculator, and the published figures next to this run's.
 */
final class CapacitySection {
    /** Fleet size the calculator shows before the reader types one (and what the page shows without JavaScript). */
    static final long DEFAULT_FLEET = 10_000;
    /** Cluster sizes the calculator's rolling-restart answer considers. */
    static final int MAX_SERVERS = 200;

    private final CapacityBudget budget;

    CapacitySection(CapacityBudget budget) {
        this.budget = budget;
    }

    void render(StringBuilder h, RunAnalysis r) {
        CapacityEstimate c = r.capacity();
        h.append("<div class=\"capacity\"><h3>Capacity</h3>\n<p class=\"headline\">")
                .append(CapacityHeadline.of(c, r.claimsHeld()).html()).append("</p>\n<ul class=\"method\">");
        limits(h, c);
        c.memory().ifPresent(f -> memoryMethod(h, c, f));
        c.cpu().ifPresent(f -> cpuMethod(h, c, f));
        c.injectorMemory().ifPresent(f -> h.append("<li>Injector: RSS = ").append(esc(Fmt.bytes(f.intercept()))).append(" + ")
                .append(esc(Fmt.bytes(f.slope()))).append(" ± ").append(esc(Fmt.bytes(f.slopeStdErr())))
                .append(" per simulated node (R² ").append(Fmt.num(f.rSquared(), 3)).append(", ").append(f.n())
                .append(" samples, ").append(esc(Fmt.count(f.xMin()))).append("–").append(esc(Fmt.count(f.xMax())))
                .append(" nodes).</li>"));
        c.notes().forEach(x -> h.append("<li class=\"note\">").append(esc(x)).append("</li>"));
        h.append("</ul>\n");
        losingAMember(h, c, r.claimsHeld());
        published(h, c);
        h.append("</div>\n");
    }

    private static void limits(StringBuilder h, CapacityEstimate c) {
        HardLimits l = c.limits();
        h.append("<li><strong>Hard limits</strong> (what the servers enforce whatever the budget): max_connections ")
                .append(l.maxConnections() > 0 ? esc(Fmt.count(l.maxConnections())) + " (from /varz)" : "unknown (no server answered /varz)")
                .append("; open-files limit ");
        if (l.openFilesLimit() > 0) {
            h.append(esc(Fmt.count(l.openFilesLimit()))).append(" (from ").append(esc(l.openFilesSource())).append(")");
            if (l.otherOpenFiles() >= 0) {
                h.append(", of which the server held ").append(esc(Fmt.count(l.otherOpenFiles())))
                        .append(" for listeners, routes and its log, leaving ").append(esc(Fmt.count(l.nodesByOpenFiles())))
                        .append(" for client connections (one file each)");
            } else {
                h.append(", less the few files a server holds for listeners and routes (not measured here)");
            }
        } else {
            h.append("unknown (the servers are not processes on this machine; declare it as target.server-open-files-limit)");
        }
        CapacityEstimate.Bound b = c.bound();
        if (b.known()) {
            h.append(". <strong>").append(esc(b.limit().label())).append("</strong> binds: ").append(esc(Fmt.count(b.nodes())))
                    .append(" nodes per server.");
        } else {
            h.append('.');
        }
        h.append("</li>");
    }

    private void memoryMethod(StringBuilder h, CapacityEstimate c, LinearFit f) {
        h.append("<li><strong>Memory</strong>: least-squares fit of each server's RSS against its client connections over ")
                .append(f.n()).append(" server samples (").append(esc(Fmt.count(f.xMin()))).append("–")
                .append(esc(Fmt.count(f.xMax()))).append(" connections per server): RSS = ")
                .append(esc(Fmt.bytes(f.intercept()))).append(" ± ").append(esc(Fmt.bytes(f.interceptStdErr()))).append(" + ")
                .append(esc(Fmt.bytes(f.slope()))).append(" ± ").append(esc(Fmt.bytes(f.slopeStdErr())))
                .append(" per connection (R² ").append(Fmt.num(f.rSquared(), 3)).append(").");
        double nm = c.nodesAtMemoryBudget();
        if (Double.isFinite(nm)) {
            h.append(" At ").append(esc(Fmt.bytes(budget.memoryBytes()))).append(": (budget − fixed) / per connection = ")
                    .append(esc(Fmt.count(nm))).append(" ± ").append(esc(Fmt.count(c.nodesAtMemoryBudgetStdErr())))
                    .append(" nodes").append(beyond(nm, c)).append('.');
        }
        if (!c.memoryReliable() && f.slope() > 0) {
            h.append(" <span class=\"note\">Not reliable: the per-connection cost is known only to ±")
                    .append(Fmt.num(100 * f.slopeStdErr() / f.slope(), 0)).append(" %.</span>");
        }
        h.append("</li>");
    }

    private void cpuMethod(StringBuilder h, CapacityEstimate c, CpuFit f) {
        h.append("<li><strong>CPU</strong>: least-squares fit of each server's CPU (% of one core) against its message rate ")
                .append("(in + out) and new-connection rate over ").append(f.n()).append(" sampling intervals (up to ")
                .append(esc(Fmt.count(f.maxMessageRate()))).append(" msgs/s and ").append(esc(Fmt.num(f.maxHandshakeRate(), 1)))
                .append(" connections/s): fixed ").append(esc(Fmt.num(f.baseline(), 2))).append(" %");
        if (Double.isFinite(f.perMessage())) {
            h.append(", ").append(esc(Fmt.num(f.microsPerMessage(), 2))).append(" ± ").append(esc(Fmt.num(f.microsPerMessageStdErr(), 2)))
                    .append(" µs per message");
        }
        if (Double.isFinite(f.perHandshake())) {
            h.append(", ").append(esc(Fmt.num(f.millisPerHandshake(), 2))).append(" ± ")
                    .append(esc(Fmt.num(f.millisPerHandshakeStdErr(), 2))).append(" ms per TLS handshake");
        }
        h.append(" (R² ").append(Fmt.num(f.rSquared(), 3)).append(").");
        double nc = c.nodesAtCpuBudget();
        if (Double.isFinite(nc)) {
            h.append(" At ").append(esc(Fmt.num(budget.cpuPercent(), 0))).append(" % with one fleet discovery every ")
                    .append(esc(Fmt.num(1 / budget.discoveriesPerSecond(), 1))).append(" s (")
                    .append(CapacityBudget.MESSAGES_PER_NODE_PER_DISCOVERY).append(" messages per node each): ")
                    .append(esc(Fmt.count(nc))).append(" ± ").append(esc(Fmt.count(c.nodesAtCpuBudgetStdErr()))).append(" nodes")
                    .append(beyond(nc, c)).append('.');
        } else if (Double.isFinite(f.perMessage())) {
            h.append(" CPU did not rise measurably with message rate: no CPU-bound node count.");
        }
        if (Double.isFinite(nc) && !c.cpuReliable()) {
            h.append(" <span class=\"note\">Not reliable: the per-message cost is known only to ±")
                    .append(Fmt.num(100 * f.perMessageStdErr() / f.perMessage(), 0)).append(" %.</span>");
        }
        double hs = c.handshakesPerSecondAtCpuBudget();
        if (Double.isFinite(hs)) {
            h.append(" TLS handshakes within that CPU: ").append(esc(Fmt.count(hs))).append("/s, so reconnecting ")
                    .append(esc(Fmt.count(PublishedFigures.NODES_FOR_RSS))).append(" nodes to one server takes at least ")
                    .append(esc(Fmt.seconds(PublishedFigures.NODES_FOR_RSS / hs))).append(" of server CPU.");
        }
        h.append("</li>");
    }

    /** " — extrapolation, 352× the largest load measured (349 connections on one server)", or within range. */
    private static String beyond(double estimate, CapacityEstimate c) {
        if (c.measuredPerServer() <= 0) {
            return "";
        }
        double ratio = estimate / c.measuredPerServer();
        String measured = " the largest load measured (" + Fmt.count(c.measuredPerServer()) + " connections on one server)";
        if (ratio > CapacityEstimate.EXTRAPOLATION_LIMIT) {
            return " — <span class=\"badge warn\">extrapolation</span> " + esc(Fmt.times(ratio)) + esc(measured);
        }
        return ratio > 1.05 ? ", " + esc(Fmt.times(ratio)) + esc(measured) : " (within the measured range)";
    }

    /** What the cluster carries all up and with one member lost, on the confirmed figure and on the model, and the calculator. */
    private static void losingAMember(StringBuilder h, CapacityEstimate c, Optional<Boolean> held) {
        int s = c.servers();
        double measured = c.measuredPerServer();
        CapacityEstimate.Bound b = c.bound();
        String measuredLabel = held.orElse(false) ? "confirmed" : "measured";
        h.append("<h3>Losing a member</h3>\n");
        if (s >= 2) {
            h.append("<p>A node whose server goes away reconnects to another member, and nats-server does not move it back "
                    + "when the member returns: a fleet is safe only if the survivors can hold it.</p>");
            h.append("<div class=\"scroll\"><table class=\"redundancy\"><thead><tr><th>nodes on ").append(s)
                    .append(" servers</th><th>").append(measuredLabel).append(" (").append(esc(Fmt.count(measured)))
                    .append(" per server)</th><th>model (").append(esc(b.known() ? Fmt.count(b.nodes()) : Fmt.UNKNOWN))
                    .append(" per server").append(c.isExtrapolation() ? ", extrapolation" : "").append(")</th></tr></thead><tbody>");
            redundancyRow(h, "all members up", Redundancy.allUp(s, measured), Redundancy.allUp(s, b.nodes()));
            redundancyRow(h, "one member down (each survivor takes its share)", Redundancy.oneDown(s, measured),
                    Redundancy.oneDown(s, b.nodes()));
            redundancyRow(h, "through a rolling restart (last member holds " + Fmt.num(100 * Redundancy.rollingRestartPeakShare(s), 0)
                    + " % of the fleet)", Redundancy.rollingRestart(s, measured), Redundancy.rollingRestart(s, b.nodes()));
            h.append("</tbody></table></div>\n<p class=\"ab\">The rolling-restart row assumes each restarted member's nodes "
                    + "spread evenly over the others and none move back: the rolling-restart simulation measures where they "
                    + "really go (Storm below).</p>\n");
        } else {
            h.append("<p>One server: losing it loses the whole fleet until it is back. N+1 needs a second server.</p>\n");
        }
        calculator(h, measured, measuredLabel, b, c.isExtrapolation());
    }

    private static void redundancyRow(StringBuilder h, String label, double confirmed, double model) {
        h.append("<tr><td>").append(esc(label)).append("</td><td class=\"num\">").append(esc(Fmt.count(confirmed)))
                .append("</td><td class=\"num\">").append(esc(Fmt.count(model))).append("</td></tr>");
    }

    /**
     * Servers a fleet needs with N+1 redundancy, for a fleet size the reader types (report.js recomputes it on input;
     * the answer for {@link #DEFAULT_FLEET} is rendered here, so the page answers without JavaScript too).
     */
    private static void calculator(StringBuilder h, double measured, String measuredLabel, CapacityEstimate.Bound b, boolean extrapolation) {
        StringBuilder shares = new StringBuilder();
        for (int n = 2; n <= MAX_SERVERS; n++) {
            shares.append(n == 2 ? "" : ",").append(String.format(Locale.ROOT, "%.6f", Redundancy.rollingRestartPeakShare(n)));
        }
        h.append("<form class=\"planner\" data-measured=\"").append(Math.round(measured)).append("\" data-measured-label=\"")
                .append(esc(measuredLabel)).append("\" data-model=\"").append(b.known() ? Math.round(b.nodes()) : 0)
                .append("\" data-model-label=\"").append(extrapolation ? "model (extrapolation)" : "model")
                .append("\" data-rolling-shares=\"").append(shares).append("\" onsubmit=\"return false\">")
                .append("<label>Fleet size <input type=\"number\" name=\"fleet\" min=\"1\" step=\"1\" inputmode=\"numeric\" value=\"")
                .append(DEFAULT_FLEET).append("\"></label> <output>")
                .append(esc(answer(DEFAULT_FLEET, measured, measuredLabel, b, extrapolation))).append("</output></form>\n");
    }

    /** The calculator's answer in words (report.js writes the same sentence). */
    static String answer(long fleet, double measured, String measuredLabel, CapacityEstimate.Bound b, boolean extrapolation) {
        StringBuilder s = new StringBuilder("Servers for ").append(Fmt.count(fleet)).append(" nodes with N+1: ");
        s.append(plan(fleet, measured, measuredLabel));
        if (b.known()) {
            s.append("; ").append(plan(fleet, b.nodes(), extrapolation ? "model (extrapolation)" : "model"));
        }
        return s.append('.').toString();
    }

    private static String plan(long fleet, double perServer, String label) {
        long n = Redundancy.serversFor(fleet, perServer);
        if (n < 0) {
            return Fmt.UNKNOWN + " on the " + label + " figure";
        }
        int rolling = -1;
        for (int k = 2; k <= MAX_SERVERS; k++) {
            if (fleet * Redundancy.rollingRestartPeakShare(k) <= Math.floor(perServer)) {
                rolling = k;
                break;
            }
        }
        return Fmt.count(n) + " on the " + label + " figure (" + Fmt.count(perServer) + " per server), "
                + (rolling < 0 ? "more than " + MAX_SERVERS : Fmt.count(rolling)) + " through a rolling restart";
    }

    private static void published(StringBuilder h, CapacityEstimate c) {
        if (c.memory().isEmpty()) {
            return;
        }
        LinearFit f = c.memory().get();
        h.append("<div class=\"scroll\"><table class=\"published\"><thead><tr><th>published (").append(esc(PublishedFigures.SOURCE))
                .append(")</th><th>this run</th></tr></thead><tbody>");
        double at10k = c.rssAt(PublishedFigures.NODES_FOR_RSS);
        h.append("<tr><td>~300 MB RSS with ").append(Fmt.count(PublishedFigures.NODES_FOR_RSS)).append(" nodes</td><td>")
                .append(esc(Fmt.bytes(at10k))).append(" by the fit").append(f.xMax() < PublishedFigures.NODES_FOR_RSS
                        ? " (extrapolated from " + esc(Fmt.count(f.xMax())) + " connections)" : "").append(" — ")
                .append(esc(Fmt.times(at10k / PublishedFigures.RSS_BYTES_AT_NODES))).append(" published</td></tr>");
        h.append("<tr><td>≈ ").append(esc(Fmt.bytes(PublishedFigures.bytesPerNode()))).append(" per node (300 MB / 10,000)</td><td>")
                .append(esc(Fmt.bytes(f.slope()))).append(" per connection, marginal</td></tr>");
        double at50k = c.rssAt(PublishedFigures.CONNECTIONS_PER_BROKER);
        CapacityEstimate.Bound b = c.bound();
        h.append("<tr><td>").append(Fmt.count(PublishedFigures.CONNECTIONS_PER_BROKER)).append(" connections per broker</td><td>")
                .append("RSS at 50,000 by the fit: ").append(esc(Fmt.bytes(at50k))).append("; this deployment: ")
                .append(b.known() ? esc(Fmt.count(b.nodes())) + " per server (bounded by " + esc(b.limit().label()) + ")" : Fmt.UNKNOWN)
                .append("</td></tr>");
        h.append("</tbody></table></div>\n");
    }
}
