package dev.mconats.simulations;

import static io.gatling.javaapi.core.CoreDsl.details;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.pause;
import static io.gatling.javaapi.core.CoreDsl.repeat;
import static io.gatling.javaapi.core.CoreDsl.scenario;

import dev.mconats.gatling.NatsDsl;
import dev.mconats.gatling.internal.NatsRun;
import dev.mconats.reports.progress.Estimate;
import dev.mconats.reports.progress.Phase;
import dev.mconats.reports.progress.ProgressFile;
import dev.mconats.reports.sampling.InjectorFigures;
import dev.mconats.reports.sampling.MonitorSampler;
import dev.mconats.reports.sampling.ServerProcesses;
import dev.mconats.targetmodel.TargetKeys;
import io.gatling.javaapi.core.Assertion;
import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.ProtocolBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Common ground of the simulations: parameters, the run, the node scenario, server sampling during the run
 * (samples.jsonl), the mergeable record (fleet-record.hlog during the run, fleet-record.json at its end), the live
 * progress for the front door (progress.jsonl) and load-summary.json afterwards, all in {@code mconats.load.output}.
 */
public abstract class McoSimulation extends Simulation {
    protected final LoadParameters params;
    protected final LoadSetup setup;
    protected final NatsRun run;
    private MonitorSampler sampler;
    private ShardRecorder recorder;
    private ProgressReporter progress;

    protected McoSimulation(String defaultDeployment, int extraClients, int connectConcurrencyDefault) {
        this(defaultDeployment, s -> s.clients() + extraClients, connectConcurrencyDefault);
    }

    /** @param runClients how many clients must finish before the nodes are released */
    protected McoSimulation(String defaultDeployment, java.util.function.ToIntFunction<LoadSetup> runClients,
                            int connectConcurrencyDefault) {
        this.params = LoadParameters.fromSystemProperties();
        this.setup = LoadSetup.prepare(params, defaultDeployment);
        this.run = setup.newRun(runClients.applyAsInt(setup), params.connectConcurrency(connectConcurrencyDefault));
    }

    /** The NATS protocol of this run, for {@code setUp(...).protocols(nats())}. */
    protected ProtocolBuilder nats() {
        return NatsDsl.nats(run);
    }

    /** A node: connect (retrying with Choria's backoff), subscribe, answer until the run ends, disconnect. */
    protected ScenarioBuilder nodes() {
        return scenario(dev.mconats.gatling.internal.NatsComponents.NODES_SCENARIO)
                .exec(NatsDsl.connectNode()).exitHereIfFailed()
                .exec(NatsDsl.subscribeNode()).exitHereIfFailed()
                .exec(NatsDsl.holdUntilRunEnd())
                .exec(NatsDsl.disconnect());
    }

    /**
     * One discovery round (broadcast, every node must answer) and, if configured, a directed rpcutil ping; first the
     * injector's heap is collected while the fleet is idle, so no collection of the simulator lands inside the round.
     */
    protected ChainBuilder round() {
        ChainBuilder c = discovery(NatsDsl.discovery().name());
        if (params.directed() > 0) {
            c = c.exec(NatsDsl.request(NatsDsl.rpcPing().directedTo(params.directed()).timeout(params.discoveryTimeout())));
        }
        return c;
    }

    /** Name under which warm-up rounds are reported (not part of the "discovery" claims). */
    public static final String WARMUP_DISCOVERY = "discovery (warm-up)";

    /**
     * The steady-state part of a scaling run: {@code warmup-rounds} warm-up rounds (the same broadcast as
     * {@link #round()}, reported as {@value #WARMUP_DISCOVERY}), then the measured rounds, each after a pause.
     */
    protected ChainBuilder warmupThenRounds() {
        return repeat(params.warmupRounds()).on(pause(params.roundInterval()).exec(warmupRound()))
                .repeat(params.rounds()).on(pause(params.roundInterval()).exec(round()));
    }

    /** One warm-up round: the broadcast of {@link #round()}, reported as {@value #WARMUP_DISCOVERY}. */
    protected ChainBuilder warmupRound() {
        return discovery(WARMUP_DISCOVERY);
    }

    private ChainBuilder discovery(String requestName) {
        return exec(NatsDsl.settleInjectorHeap())
                .exec(NatsDsl.request(NatsDsl.discovery().named(requestName).timeout(params.discoveryTimeout())));
    }

    /** Claims of the warm-up rounds: every node answered (their latency is reported, not asserted). */
    protected List<Assertion> warmupClaims() {
        return params.warmupRounds() == 0 ? List.of()
                : List.of(details(WARMUP_DISCOVERY).successfulRequests().percent().is(100.0));
    }

    /** Clients wait their turn: client i starts i/clients of an interval later, so broadcasts do not coincide. */
    protected Duration stagger(io.gatling.javaapi.core.Session session) {
        int i = session.contains(NatsDsl.CLIENT_INDEX) ? session.getInt(NatsDsl.CLIENT_INDEX) : 0;
        return params.roundInterval().multipliedBy(i).dividedBy(Math.max(1, setup.clients()));
    }

    /** Node users per second, as a ramp duration for this shard's nodes. */
    protected Duration rampDuration() {
        // Gatling counts ramps in whole seconds: a sub-second ramp never injects anyone.
        return Duration.ofMillis(Math.max(1000, (long) (run.identities().localSize() / params.rampRate() * 1000)));
    }

    /**
     * What this simulation sets out to do, for the progress view's estimate of the time left: by default a ramp at
     * {@code ramp-rate}, the warm-up and measured rounds at {@code round-interval}, by every client of this injector.
     */
    protected Estimate.Plan progressPlan() {
        return new Estimate.Plan(run.identities().localSize(), params.rampRate(), params.warmupRounds(), params.rounds(),
                params.roundInterval(), setup.clients(), Optional.empty());
    }

    @Override
    public void before() {
        progress = ProgressReporter.start(run, progressPlan(), params.output().resolve(ProgressFile.NAME));
        run.stats().baseline();
        recorder = ShardRecorder.start(run, params.output(), Duration.ofSeconds(5));
        sampler = MonitorSampler.start(setup.monitors(), params.output().resolve("samples.jsonl"), params.sampleInterval(),
                () -> {
                    double[] latency = run.stats().recentReplyLatency();
                    return InjectorFigures.ofThisProcess(run.fleet().state().live(), latency[0], latency[1],
                            run.stats().missingReplies());
                },
                // the servers' open-files limit: read from their processes when local, else as the target declares it
                ServerProcesses.lookup(params.serverPids())
                        .withDeclaredOpenFilesLimit(setup.target().get(TargetKeys.SERVER_OPEN_FILES_LIMIT)));
    }

    @Override
    public void after() {
        try {
            if (sampler != null) {
                sampler.close();
            }
            if (recorder != null) {
                recorder.close();
                ShardRecorder.writeRecord(params.output(), getClass().getSimpleName(), setup, run);
            }
            LoadSummary.write(params.output().resolve("load-summary.json"), getClass().getSimpleName(), setup, run);
            if (progress != null) {
                progress.finish(Phase.REPORT); // the same counts as the summary: nothing runs any more
            }
        } finally {
            if (progress != null) {
                progress.close();
            }
            run.close();
        }
    }
}
