package dev.mconats.reports.capacity;

import dev.mconats.reports.samples.Sample;
import dev.mconats.reports.samples.SampleSeries;
import dev.mconats.reports.samples.ServerSample;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What one run says about capacity, with its method: server RSS fitted against connections (bytes per connection),
 * server CPU fitted against message and handshake rates, both extrapolated to the {@link CapacityBudget}, and the range
 * of data each rests on. Every server sample that answered is one point; servers are pooled (same build, same role).
 *
 * @param memory         RSS (bytes) = a + b * connections, per server sample
 * @param cpu            CPU model, per interval between two answered samples of the same server process
 * @param injectorMemory injector RSS (bytes) = a + b * live nodes
 * @param notes          why a figure is missing, or a caveat the reader must see
 */
public record CapacityEstimate(CapacityBudget budget, Optional<LinearFit> memory, Optional<CpuFit> cpu,
                               Optional<LinearFit> injectorMemory, List<String> notes) {

    public static CapacityEstimate of(SampleSeries series, CapacityBudget budget) {
        List<String> notes = new ArrayList<>();
        List<double[]> mem = new ArrayList<>();
        List<CpuFit.Point> cpu = new ArrayList<>();
        List<double[]> inj = new ArrayList<>();
        List<Sample> samples = series.samples();
        for (int i = 0; i < samples.size(); i++) {
            Sample s = samples.get(i);
            for (ServerSample v : s.servers()) {
                if (v.ok() && v.connections() >= 0 && v.mem() > 0) {
                    mem.add(new double[] {v.connections(), v.mem()});
                }
                if (i > 0) {
                    Sample prev = samples.get(i - 1);
                    double dt = s.elapsedSeconds() - prev.elapsedSeconds();
                    prev.server(v.name()).flatMap(p -> interval(p, v, dt)).ifPresent(cpu::add);
                }
            }
            if (s.injector().liveNodes() >= 0 && s.injector().rssBytes() > 0) {
                inj.add(new double[] {s.injector().liveNodes(), s.injector().rssBytes()});
            }
        }
        Optional<LinearFit> memFit = LinearFit.of(col(mem, 0), col(mem, 1));
        if (memFit.isEmpty()) {
            notes.add(mem.isEmpty() ? "no server answered /varz: no memory fit"
                    : "connections did not vary during the run: RSS cannot be split into fixed and per-connection parts");
        } else if (memFit.get().slope() <= 0) {
            notes.add("RSS did not grow with connections in this run (slope " + Math.round(memFit.get().slope())
                    + " B): too few connections to see the per-connection cost");
        }
        Optional<CpuFit> cpuFit = CpuFit.of(cpu);
        if (cpuFit.isEmpty()) {
            notes.add(cpu.isEmpty() ? "fewer than two answered samples per server: no CPU fit"
                    : "neither message nor connection rates varied enough to fit CPU against them");
        }
        Optional<LinearFit> injFit = LinearFit.of(col(inj, 0), col(inj, 1));
        return new CapacityEstimate(budget, memFit, cpuFit, injFit, List.copyOf(notes));
    }

    /** One CPU point from two consecutive answers of the same server process; empty across a restart. */
    private static Optional<CpuFit.Point> interval(ServerSample a, ServerSample b, double dt) {
        if (!a.ok() || !b.ok() || dt <= 0 || Double.isNaN(b.cpu()) || a.serverId() == null
                || !a.serverId().equals(b.serverId())) {
            return Optional.empty();
        }
        long dMsgs = (b.inMsgs() + b.outMsgs()) - (a.inMsgs() + a.outMsgs());
        long dConns = b.totalConnections() - a.totalConnections();
        if (dMsgs < 0 || dConns < 0 || a.inMsgs() < 0 || a.totalConnections() < 0) {
            return Optional.empty();
        }
        return Optional.of(new CpuFit.Point(dMsgs / dt, dConns / dt, b.cpu()));
    }

    private static double[] col(List<double[]> rows, int c) {
        return rows.stream().mapToDouble(r -> r[c]).toArray();
    }

    /** Nodes one server can hold within the memory budget; NaN without a usable fit. */
    public double nodesAtMemoryBudget() {
        return memory.filter(f -> f.slope() > 0).map(f -> f.xAt(budget.memoryBytes())).orElse(Double.NaN);
    }

    public double nodesAtMemoryBudgetStdErr() {
        return memory.filter(f -> f.slope() > 0).map(f -> f.xAtStdErr(budget.memoryBytes())).orElse(Double.NaN);
    }

    /** Nodes one server can serve within the CPU budget at the budget's discovery rate; NaN without a usable fit. */
    public double nodesAtCpuBudget() {
        return cpu.filter(c -> c.perMessage() > 0).map(c -> (budget.cpuPercent() - c.baseline())
                / (c.perMessage() * CapacityBudget.MESSAGES_PER_NODE_PER_DISCOVERY * budget.discoveriesPerSecond()))
                .orElse(Double.NaN);
    }

    /** TLS handshakes per second one server can take within the CPU budget (what bounds a reconnect storm). */
    public double handshakesPerSecondAtCpuBudget() {
        return cpu.filter(c -> c.perHandshake() > 0).map(c -> (budget.cpuPercent() - c.baseline()) / c.perHandshake())
                .orElse(Double.NaN);
    }

    /** A per-unit cost counts for the headline only when its standard error is at most this share of it. */
    public static final double MAX_RELATIVE_ERROR = 0.2;

    /** Whether the memory fit determines the cost per connection well enough to extrapolate from. */
    public boolean memoryReliable() {
        return memory.filter(f -> f.slope() > 0 && f.slopeStdErr() <= MAX_RELATIVE_ERROR * f.slope()).isPresent();
    }

    /** Whether the CPU fit determines the cost per message well enough to extrapolate from. */
    public boolean cpuReliable() {
        return cpu.filter(c -> c.perMessage() > 0 && c.perMessageStdErr() <= MAX_RELATIVE_ERROR * c.perMessage()).isPresent();
    }

    /**
     * The lower of the memory and CPU limits among those whose fit is reliable: the estimate a planner should use.
     * NaN when neither is (too little load in the run to see the per-unit costs).
     */
    public double nodesPerServer() {
        double m = memoryReliable() ? nodesAtMemoryBudget() : Double.NaN;
        double c = cpuReliable() ? nodesAtCpuBudget() : Double.NaN;
        if (Double.isNaN(m)) {
            return c;
        }
        return Double.isNaN(c) ? m : Math.min(m, c);
    }

    /** RSS the memory fit predicts at the given connections; NaN without a fit. */
    public double rssAt(long connections) {
        return memory.map(f -> f.at(connections)).orElse(Double.NaN);
    }

    /** Largest connection count on one server that the memory fit saw. */
    public double maxConnectionsSeen() {
        return memory.map(LinearFit::xMax).orElse(0.0);
    }
}
