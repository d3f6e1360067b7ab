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
 * <p>What a planner may use is the {@link #bound()}: the lowest of the two models and the servers' hard limits
 * ({@link HardLimits}), held against the largest load the run measured ({@link #measuredPerServer()}): a figure more
 * than {@value #EXTRAPOLATION_LIMIT}× beyond it is an extrapolation and is labelled so.
 *
 * @param memory         RSS (bytes) = a + b * connections, per server sample
 * @param cpu            CPU model, per interval between two answered samples of the same server process
 * @param injectorMemory injector RSS (bytes) = a + b * live nodes
 * @param limits         max_connections and the open-files limit the servers ran with
 * @param measuredPerServer largest client connection count measured on one server; 0 without samples
 * @param measuredFleet  largest number of nodes connected at once over all servers (peak nodes)
 * @param servers        servers sampled
 * @param notes          why a figure is missing, or a caveat the reader must see
 */
public record CapacityEstimate(CapacityBudget budget, Optional<LinearFit> memory, Optional<CpuFit> cpu,
                               Optional<LinearFit> injectorMemory, HardLimits limits, long measuredPerServer,
                               long measuredFleet, int servers, List<String> notes) {

    /** A model figure more than this many times the largest load measured is an extrapolation, never the headline. */
    public static final double EXTRAPOLATION_LIMIT = 4;
    /** Width of the confidence band around a model figure, in standard errors: ~{@value #BAND_PERCENT} %. */
    public static final double BAND_SIGMAS = 2;
    public static final int BAND_PERCENT = 95;

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
        long perServer = samples.stream().flatMap(x -> x.servers().stream()).filter(ServerSample::ok)
                .mapToLong(ServerSample::connections).max().orElse(0);
        return new CapacityEstimate(budget, memFit, cpuFit, injFit, HardLimits.of(series), Math.max(0, perServer),
                series.isEmpty() ? 0 : series.peakNodes(), series.serverNames().size(), List.copyOf(notes));
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

    /** Standard error of {@link #nodesAtCpuBudget()}, propagated from the per-message cost and the baseline. */
    public double nodesAtCpuBudgetStdErr() {
        double n = nodesAtCpuBudget();
        if (!Double.isFinite(n)) {
            return Double.NaN;
        }
        CpuFit c = cpu.get();
        return Math.abs(n) * Math.hypot(c.perMessageStdErr() / c.perMessage(),
                c.baselineStdErr() / Math.abs(budget.cpuPercent() - c.baseline()));
    }

    /**
     * The lower of the memory and CPU models among those whose fit is reliable, before the hard limits. NaN when
     * neither is (too little load in the run to see the per-unit costs).
     */
    public double modelNodesPerServer() {
        Limit l = modelLimit();
        return l == null ? Double.NaN : l == Limit.MEMORY ? nodesAtMemoryBudget() : nodesAtCpuBudget();
    }

    /** Which model gives {@link #modelNodesPerServer()}: MEMORY, CPU, or null when there is no reliable one. */
    public Limit modelLimit() {
        double m = memoryReliable() ? nodesAtMemoryBudget() : Double.NaN;
        double c = cpuReliable() ? nodesAtCpuBudget() : Double.NaN;
        if (Double.isNaN(m) && Double.isNaN(c)) {
            return null;
        }
        return Double.isNaN(c) || (!Double.isNaN(m) && m <= c) ? Limit.MEMORY : Limit.CPU;
    }

    public double modelStdErr() {
        Limit l = modelLimit();
        return l == null ? Double.NaN : l == Limit.MEMORY ? nodesAtMemoryBudgetStdErr() : nodesAtCpuBudgetStdErr();
    }

    /**
     * Nodes per server a planner may use: the lowest of the model and the hard limits.
     *
     * @param nodes  the figure; NaN when neither a model nor a hard limit is known
     * @param limit  what binds
     * @param low    lower edge of the band: the model less {@value #BAND_SIGMAS} standard errors, capped by the limits
     * @param high   upper edge: the model plus as much, capped by the limits
     */
    public record Bound(double nodes, Limit limit, double low, double high) {
        public boolean known() {
            return Double.isFinite(nodes);
        }
    }

    public Bound bound() {
        double model = modelNodesPerServer();
        double cap = Double.POSITIVE_INFINITY;
        Limit capLimit = null;
        double byConns = limits.nodesByMaxConnections();
        double byFiles = limits.nodesByOpenFiles();
        if (Double.isFinite(byConns)) {
            cap = byConns;
            capLimit = Limit.MAX_CONNECTIONS;
        }
        if (Double.isFinite(byFiles) && byFiles < cap) {
            cap = byFiles;
            capLimit = Limit.OPEN_FILES;
        }
        if (Double.isNaN(model)) {
            return capLimit == null ? new Bound(Double.NaN, null, Double.NaN, Double.NaN) : new Bound(cap, capLimit, Double.NaN, cap);
        }
        double se = modelStdErr();
        double low = Math.max(0, model - BAND_SIGMAS * (Double.isFinite(se) ? se : 0));
        double high = model + BAND_SIGMAS * (Double.isFinite(se) ? se : 0);
        return model <= cap ? new Bound(model, modelLimit(), low, Math.min(high, cap))
                : new Bound(cap, capLimit, Math.min(low, cap), cap);
    }

    /** How many times the largest load measured on one server the bound is; NaN without either. */
    public double extrapolation() {
        Bound b = bound();
        return b.known() && measuredPerServer > 0 ? b.nodes() / measuredPerServer : Double.NaN;
    }

    /** Whether the bound lies more than {@value #EXTRAPOLATION_LIMIT}× beyond the measured range (or nothing was measured). */
    public boolean isExtrapolation() {
        Bound b = bound();
        return b.known() && (measuredPerServer <= 0 || b.nodes() > EXTRAPOLATION_LIMIT * measuredPerServer);
    }

    /** RSS the memory fit predicts at the given connections; NaN without a fit. */
    public double rssAt(long connections) {
        return memory.map(f -> f.at(connections)).orElse(Double.NaN);
    }
}
