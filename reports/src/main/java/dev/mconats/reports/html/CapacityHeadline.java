package dev.mconats.reports.html;

import static dev.mconats.reports.html.Html.esc;

import dev.mconats.reports.capacity.CapacityEstimate;
import java.util.Optional;

/**
 * The one line a planner takes away from a run: what was confirmed (the largest load measured, with every load claim
 * met), then what the model suggests, bounded by the servers' hard limits and labelled an extrapolation when it lies
 * more than {@value CapacityEstimate#EXTRAPOLATION_LIMIT}× beyond the measured range. The model never leads.
 *
 * @param lead          "Confirmed up to N connections per server (F nodes on S servers)", or why it is only measured
 * @param model         "model suggests M (bounded by LIMIT) — extrapolation ..." or why there is none
 * @param extrapolation whether the model figure is an extrapolation
 */
public record CapacityHeadline(String lead, String model, boolean extrapolation) {

    public static CapacityHeadline of(CapacityEstimate c, Optional<Boolean> claimsHeld) {
        String measured = Fmt.count(c.measuredPerServer()) + " connections per server (" + Fmt.count(c.measuredFleet())
                + " nodes on " + c.servers() + (c.servers() == 1 ? " server)" : " servers)");
        String lead;
        if (c.measuredPerServer() <= 0) {
            lead = "No load measured on the servers";
        } else if (claimsHeld.isEmpty()) {
            lead = "Measured up to " + measured + "; the run recorded no load claims, so nothing is confirmed";
        } else if (claimsHeld.get()) {
            lead = "Confirmed up to " + measured;
        } else {
            lead = "Measured up to " + measured + ", but the run's load claims FAILED, so nothing is confirmed";
        }
        return new CapacityHeadline(lead, model(c), c.isExtrapolation() && !Double.isNaN(c.modelNodesPerServer()));
    }

    private static String model(CapacityEstimate c) {
        CapacityEstimate.Bound b = c.bound();
        if (!b.known()) {
            return "no capacity model: the per-connection and per-message costs are not determined to within "
                    + Fmt.num(CapacityEstimate.MAX_RELATIVE_ERROR * 100, 0) + " % and no hard limit is known";
        }
        if (Double.isNaN(c.modelNodesPerServer())) {
            double x = c.extrapolation();
            return "no reliable model (costs not determined to within " + Fmt.num(CapacityEstimate.MAX_RELATIVE_ERROR * 100, 0)
                    + " %); " + b.limit().label() + " caps a server at " + Fmt.count(b.nodes())
                    + (c.isExtrapolation() ? (Double.isFinite(x) ? ", " + Fmt.times(x) + " the largest load measured" : "")
                    + " — nothing in this run says a server gets that far" : "");
        }
        return "model suggests " + Fmt.count(b.nodes()) + " (bounded by " + b.limit().label() + ")" + range(c, b);
    }

    private static String range(CapacityEstimate c, CapacityEstimate.Bound b) {
        double x = c.extrapolation();
        String band = Double.isFinite(b.low()) && b.high() > b.low()
                ? ", " + CapacityEstimate.BAND_PERCENT + " % band " + Fmt.count(b.low()) + "–" + Fmt.count(b.high())
                : "";
        if (c.isExtrapolation()) {
            return " — extrapolation, " + (Double.isFinite(x) ? Fmt.times(x) + " the largest load measured" : "nothing measured")
                    + band;
        }
        return (x > 1.05 ? ", " + Fmt.times(x) + " the largest load measured" : ", within the measured range") + band;
    }

    public String text() {
        return lead + "; " + model;
    }

    /** The headline as HTML: the confirmed part in bold, an extrapolation badge after the model. */
    public String html() {
        return "<strong>" + esc(lead) + "</strong>; " + esc(model)
                + (extrapolation ? " <span class=\"badge warn\">extrapolation</span>" : "");
    }
}
