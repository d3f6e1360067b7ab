package dev.mconats.reports.html;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mconats.reports.capacity.CapacityEstimate;
import dev.mconats.reports.capacity.PublishedFigures;
import dev.mconats.reports.run.RunAnalysis;
import dev.mconats.reports.samples.Gap;
import dev.mconats.reports.samples.Sample;
import dev.mconats.reports.samples.SampleSeries;
import dev.mconats.reports.samples.ServerSample;
import java.util.List;

/**
 * The series the page's charts draw, per run, as compact JSON (one array per series, null where a sample is missing).
 * Long runs are thinned to at most {@link #MAX_POINTS} points by taking every k-th sample (the fits use all samples).
 */
final class ChartData {
    static final int MAX_POINTS = 1500;
    private static final ObjectMapper JSON = new ObjectMapper();

    private ChartData() {
    }

    static ObjectNode of(RunAnalysis run) {
        SampleSeries series = run.series();
        List<Sample> all = series.samples();
        int stride = Math.max(1, (int) Math.ceil(all.size() / (double) MAX_POINTS));
        List<Sample> s = new java.util.ArrayList<>();
        for (int i = 0; i < all.size(); i += stride) {
            s.add(all.get(i));
        }
        if (!all.isEmpty() && s.get(s.size() - 1) != all.get(all.size() - 1)) {
            s.add(all.get(all.size() - 1));
        }
        ObjectNode o = JSON.createObjectNode();
        ArrayNode t = o.putArray("t");
        ArrayNode live = o.putArray("live");
        ArrayNode nodes = o.putArray("nodes");
        ArrayNode injRss = o.putArray("injRss");
        ArrayNode injCpu = o.putArray("injCpu");
        ArrayNode p50 = o.putArray("p50");
        ArrayNode p99 = o.putArray("p99");
        for (Sample x : s) {
            t.add(x.elapsedSeconds());
            count(live, x.injector().liveNodes());
            count(nodes, series.nodesAt(x));
            count(injRss, x.injector().rssBytes());
            measure(injCpu, x.injector().cpuPercent());
            measure(p50, x.injector().discoveryP50Millis());
            measure(p99, x.injector().discoveryP99Millis());
        }
        ArrayNode servers = o.putArray("servers");
        for (String name : series.serverNames()) {
            ObjectNode v = servers.addObject();
            v.put("name", name);
            ArrayNode conns = v.putArray("conns");
            ArrayNode mem = v.putArray("mem");
            ArrayNode cpu = v.putArray("cpu");
            ArrayNode slow = v.putArray("slow");
            ArrayNode pending = v.putArray("pending");
            for (Sample x : s) {
                ServerSample ss = x.server(name).filter(ServerSample::ok).orElse(null);
                count(conns, ss == null ? -1 : ss.connections());
                count(mem, ss == null ? -1 : ss.mem());
                measure(cpu, ss == null ? Double.NaN : ss.cpu());
                count(slow, ss == null ? -1 : ss.slowConsumers());
                count(pending, ss == null ? -1 : ss.maxRoutePending());
            }
        }
        ArrayNode gaps = o.putArray("gaps");
        for (Gap g : run.gaps()) {
            ObjectNode n = gaps.addObject();
            n.put("who", g.who());
            n.put("from", g.fromS());
            n.put("to", g.toS());
        }
        CapacityEstimate cap = run.capacity();
        cap.memory().ifPresent(f -> {
            ObjectNode m = o.putObject("memFit");
            m.put("a", f.intercept());
            m.put("b", f.slope());
            m.put("xmin", f.xMin());
            m.put("xmax", f.xMax());
        });
        o.put("publishedBytesPerNode", PublishedFigures.bytesPerNode());
        return o;
    }

    private static void count(ArrayNode a, long v) {
        if (v < 0) {
            a.addNull();
        } else {
            a.add(v);
        }
    }

    private static void measure(ArrayNode a, double v) {
        if (Double.isFinite(v)) {
            a.add(Math.round(v * 1000) / 1000.0);
        } else {
            a.addNull();
        }
    }
}
