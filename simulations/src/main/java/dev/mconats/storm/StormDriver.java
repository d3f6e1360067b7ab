package dev.mconats.storm;

import dev.mconats.cluster.MemberControl;
import dev.mconats.cluster.MemberGuard;
import dev.mconats.fleet.FleetState;
import dev.mconats.gatling.internal.RunControl;
import dev.mconats.gatling.internal.RunControl.Phase;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;


/**
 * Runs a {@link FaultPlan} under a live fleet, one step per member: wait for steady state, take the member down
 * (the run enters OUTAGE), keep it down, start it again (RECOVERING), wait until it answers, the route mesh is whole
 * and every node and client is connected again (RECOVERED), let the clients run their rounds after recovery, then the
 * next member. A step that fails (the member does not come back, the mesh or the fleet does not recover in time) ends
 * the storm there: no further member is taken down while one is missing or the cluster is not whole. Whatever happens, {@link MemberGuard} starts every member taken down again. Blocking: run it on its own
 * (virtual) thread.
 */
public final class StormDriver {
    /** Where the driver reports its timed requests (Gatling and the injector's statistics). */
    @FunctionalInterface
    public interface Reporter {
        void report(String request, long startMillis, long endMillis, String failure);
    }

    /** The run's clients as the driver needs them: are they all connected, and to which server each. */
    public interface Clients {
        int count();

        boolean allConnected();

        /** Server endpoint ("ip:port") -> number of this run's clients connected to it. */
        Map<String, Integer> byServer();
    }

    private final FaultPlan plan;
    private final RunControl control;
    private final FleetState fleet;
    private final int nodes;
    private final Clients clients;
    private final ScheduledExecutorService scheduler;
    private final Reporter reporter;
    private final StormRecord record;
    private final InjectorCpu cpu;

    public StormDriver(FaultPlan plan, RunControl control, FleetState fleet, int nodes, Clients clients,
                       ScheduledExecutorService scheduler, Reporter reporter, StormRecord record) {
        this.plan = plan;
        this.control = control;
        this.fleet = fleet;
        this.nodes = nodes;
        this.clients = clients;
        this.scheduler = scheduler;
        this.reporter = reporter;
        this.record = record;
        this.cpu = new InjectorCpu();
    }

    /** Runs every step; returns true when nothing failed while running (rounds are judged at the end). */
    public boolean run() {
        long t0 = System.currentTimeMillis();
        cpu.start(scheduler);
        boolean ok = true;
        try (MemberGuard guard = new MemberGuard(plan.readyTimeout(), plan.markers())) {
            waitFor(() -> control.rounds(Phase.STEADY, 0).count() >= plan.roundsBefore(),
                    t0 + roundsWait(plan.roundsBefore()));
            // The servers' counts must add up to this run's nodes and clients before the spread means anything: the
            // injector's own short-lived JIT warm-up connections close by themselves; anything else is another user's.
            int[] others = new int[1];
            waitFor(() -> (others[0] = otherConnections()) <= 0, System.currentTimeMillis() + 30_000);
            record.otherConnections(others[0]);
            List<MemberControl> steps = plan.steps();
            for (int i = 0; i < steps.size(); i++) {
                StormStep s = step(i + 1, steps.get(i), guard);
                ok &= !s.failedWhileRunning();
                // As an operator would: no further member goes down while one is missing or the fleet or mesh is not whole.
                if (s.failedWhileRunning()) {
                    steps.subList(i + 1, steps.size()).forEach(m -> record.notRun(m.name()));
                    break;
                }
            }
            List<String> problems = guard.finish();
            record.leftDown(problems);
            ok &= problems.isEmpty();
        } catch (RuntimeException e) {
            ok = false;
            record.leftDown(List.of("the storm stopped: " + e.getMessage()));
        } finally {
            cpu.close();
            control.faultsDone();
        }
        reporter.report("storm verdict", t0, System.currentTimeMillis(), ok ? null : "a step failed (see load-summary.json storm)");
        return ok;
    }

    private StormStep step(int n, MemberControl m, MemberGuard guard) {
        StormStep s = record.begin(n, m.name(), m.server());
        ClusterProbe.View before = plan.probe().read();
        Map<String, Integer> clientsBefore = clients.byServer();
        s.nodesOnMemberBefore = before.member(m.server()).filter(ClusterProbe.Member::answered)
                .map(x -> Math.max(0, x.connections() - clientsBefore.getOrDefault(m.server(), 0))).orElse(-1);
        long disconnectsBefore = fleet.disconnects();
        long failedBefore = fleet.failedReconnectAttempts();
        boolean expectNone = s.nodesOnMemberBefore == 0;
        s.faultAt = System.currentTimeMillis();
        boolean stopped = true;
        try {
            guard.stop(m, plan.fault());
        } catch (RuntimeException e) {
            // It may be half down (a stop command that timed out): it is started again below like any other.
            s.fail("could not take " + m.name() + " down: " + e.getMessage());
            stopped = false;
        }
        control.enter(Phase.OUTAGE, n, m.name(), s.faultAt);
        long deadline = s.faultAt + plan.recoveryTimeout().toMillis();
        CompletableFuture<Boolean> back = fleet.await((live, down) -> down == 0 && live >= nodes
                && (fleet.disconnects() > disconnectsBefore || expectNone), plan.recoveryTimeout().toMillis(), scheduler);
        sleepUntil(s.faultAt + plan.downFor().toMillis());

        s.startedAgainAt = System.currentTimeMillis();
        boolean startIssued = true;
        try {
            guard.start(m);
        } catch (RuntimeException e) {
            s.fail(m.name() + " did not come back: its start failed: " + e.getMessage());
            startIssued = false;
        }
        control.enter(Phase.RECOVERING, n, m.name(), s.startedAgainAt);
        if (startIssued) {
            Optional<String> notReady = m.awaitReady(plan.readyTimeout());
            if (notReady.isEmpty()) {
                s.memberBackAt = System.currentTimeMillis();
                reporter.report("member back", s.startedAgainAt, s.memberBackAt, null);
            } else {
                reporter.report("member back", s.startedAgainAt, System.currentTimeMillis(), notReady.get());
                boolean rolledBack = rollBack(m);
                s.fail(m.name() + " did not come back: " + notReady.get() + (rolledBack ? " (rolled back to what ran before)" : ""));
            }
        }
        if (s.memberBack()) {
            long meshDeadline = s.startedAgainAt + plan.meshTimeout().toMillis();
            ClusterProbe.View[] last = new ClusterProbe.View[1];
            boolean whole = waitFor(() -> (last[0] = plan.probe().read()).meshWhole(), meshDeadline);
            if (whole) {
                s.meshWholeAt = System.currentTimeMillis();
                reporter.report("mesh whole", s.startedAgainAt, s.meshWholeAt, null);
            } else {
                String why = "route mesh not whole " + plan.meshTimeout().toSeconds() + " s after the restart: " + last[0].describe();
                reporter.report("mesh whole", s.startedAgainAt, System.currentTimeMillis(), why);
                s.fail(why);
            }
        }
        boolean fleetBack = true;
        if (stopped) {
            fleetBack = join(back);
        } else {
            back.cancel(false);
        }
        s.affectedNodes = fleet.disconnects() - disconnectsBefore;
        s.failedReconnectAttempts = fleet.failedReconnectAttempts() - failedBefore;
        if (!stopped) {
            s.note("the fleet's recovery was not measured: the member was not taken down as planned");
        } else if (fleetBack && s.affectedNodes > 0) {
            s.allReconnectedAt = Math.max(s.faultAt, fleet.lastRecoveryMillis());
            reporter.report("fleet recovered", s.faultAt, s.allReconnectedAt, null);
            if (s.allReconnectedAt - s.faultAt > plan.recoveryBoundMillis()) {
                s.fail("the fleet took " + StormStep.secs(s.allReconnectedAt - s.faultAt) + " to reconnect, more than the bound of "
                        + StormStep.secs(plan.recoveryBoundMillis()));
            }
        } else if (!fleetBack) {
            String why = fleet.down() + " nodes still cut off " + plan.recoveryTimeout().toSeconds() + " s after the fault ("
                    + s.affectedNodes + " lost their server at it; " + fleet.live() + " of " + nodes + " live)";
            reporter.report("fleet recovered", s.faultAt, System.currentTimeMillis(), why);
            s.fail(why);
        } else if (plan.steps().size() == 1) {
            s.fail("no node was connected to " + m.name() + " at the fault: nothing was tested");
        } else {
            s.note(m.name() + " carried no nodes at its turn (nats-server does not rebalance)");
        }
        boolean clientsBack = waitFor(clients::allConnected, Math.max(deadline, System.currentTimeMillis() + 1000));
        if (!clientsBack) {
            s.fail("not every client was connected again " + plan.recoveryTimeout().toSeconds() + " s after the fault");
        }
        long cpuFrom = plan.singleServer() && s.startedAgainAt != null ? s.startedAgainAt : s.faultAt;
        s.cpu = cpu.window(cpuFrom, s.allReconnectedAt != null ? s.allReconnectedAt : System.currentTimeMillis());
        if (s.memberBack() && stopped && !s.failedWhileRunning()) {
            s.recoveredAt = System.currentTimeMillis();
            RunControl.Mark recovered = control.enter(Phase.RECOVERED, n, m.name(), s.recoveredAt);
            waitFor(() -> control.rounds(recovered).count() >= plan.roundsAfter(), s.recoveredAt + roundsWait(plan.roundsAfter()));
        }
        s.spreadAfter = spread(plan.probe().read());
        return s;
    }

    private boolean rollBack(MemberControl m) {
        try {
            return m.rollBack() && m.awaitReady(plan.readyTimeout()).isEmpty();
        } catch (RuntimeException e) {
            return false;
        }
    }

    private int otherConnections() {
        int total = 0;
        for (int c : plan.probe().read().connections().values()) {
            if (c < 0) {
                return Integer.MAX_VALUE;
            }
            total += c;
        }
        return total - nodes - clients.count();
    }

    /** Nodes per server as the servers count them: each member's client connections minus this run's clients on it. */
    private Map<String, Integer> spread(ClusterProbe.View view) {
        Map<String, Integer> byClient = clients.byServer();
        Map<String, Integer> out = new LinkedHashMap<>();
        view.connections().forEach((server, conns) -> out.put(server, conns < 0 ? null : Math.max(0, conns - byClient.getOrDefault(server, 0))));
        return out;
    }

    // Each client's round takes at most a pause plus a timeout; the clients run theirs at the same time.
    private long roundsWait(int rounds) {
        int perClient = (rounds + Math.max(1, clients.count()) - 1) / Math.max(1, clients.count());
        return 30_000L + (perClient + 1) * plan.roundTime().toMillis();
    }

    private static boolean join(CompletableFuture<Boolean> f) {
        try {
            return Boolean.TRUE.equals(f.get());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (Exception e) {
            return false;
        }
    }

    private static boolean waitFor(BooleanSupplier condition, long deadlineMillis) {
        while (true) {
            if (condition.getAsBoolean()) {
                return true;
            }
            if (System.currentTimeMillis() >= deadlineMillis) {
                return false;
            }
            sleep(50);
        }
    }

    private static void sleepUntil(long atMillis) {
        long wait = atMillis - System.currentTimeMillis();
        if (wait > 0) {
            sleep(wait);
        }
    }

    private static void sleep(long millis) {
        try {
            TimeUnit.MILLISECONDS.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted");
        }
    }

}
