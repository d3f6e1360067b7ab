package dev.mconats.gatling.internal;

import dev.mconats.fleet.FleetState;
import dev.mconats.fleet.MemberFault;
import io.gatling.core.action.Action;
import io.gatling.core.session.Session;
import io.gatling.core.structure.ScenarioContext;
import java.time.Duration;

/**
 * The ReconnectStorm's fault: SIGKILL one cluster member, then "fleet recovered": from the kill until every node
 * that lost its server is connected elsewhere with its subscriptions confirmed, and all {@code nodes} are live
 * again. KO when that does not happen within {@code timeout}, or when no node noticed the kill at all (nothing
 * was tested). Moves the run into the RECOVERING and then RECOVERED phase.
 */
public final class KillMemberAction extends NatsAction {
    private final int nodes;
    private final Duration timeout;

    public KillMemberAction(int nodes, Duration timeout, ScenarioContext ctx, Action next) {
        super("nats kill member", ctx, next);
        this.nodes = nodes;
        this.timeout = timeout;
    }

    @Override
    public void execute(Session session) {
        if (run.fault().isEmpty()) {
            long t = now();
            report(session, "fleet recovered", t, t, "no member to kill configured (mconats.load.kill-member)");
            resume(session.markAsFailed());
            return;
        }
        MemberFault fault = run.fault().get();
        FleetState state = run.fleet().state();
        int want = nodes >= 0 ? nodes : run.identities().localSize();
        offLoop(session, () -> {
            long disconnectsBefore = state.disconnects();
            long killedAt = now();
            fault.kill();
            run.control().faultInjected(killedAt);
            state.await((live, down) -> state.disconnects() > disconnectsBefore && down == 0 && live >= want,
                    timeout.toMillis(), run.fleet().runtime().scheduler()).whenComplete((ok, e) -> {
                        run.control().recovered();
                        long affected = state.disconnects() - disconnectsBefore;
                        boolean recovered = e == null && ok;
                        String failure = recovered ? null : affected == 0
                                ? "no node noticed the kill of " + fault.name()
                                : state.down() + " of " + affected + " affected nodes still cut off, " + state.live() + " of " + want + " live";
                        long end = recovered ? Math.max(killedAt, state.lastRecoveryMillis()) : now();
                        report(session, "fleet recovered", killedAt, end, failure);
                        run.stats().affectedByFault(affected);
                        resume(recovered ? session : session.markAsFailed());
                    });
        });
    }
}
