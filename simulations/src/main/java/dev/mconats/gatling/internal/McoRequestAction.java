package dev.mconats.gatling.internal;

import dev.mconats.gatling.McoRequest;

import dev.mconats.fleet.CallOutcome;
import dev.mconats.fleet.McoClient;
import dev.mconats.mco.DiscoveryAgent;
import dev.mconats.mco.OutboundRequest;
import io.gatling.core.action.Action;
import io.gatling.core.session.Session;
import io.gatling.core.structure.ScenarioContext;

/**
 * A client's MCollective request (broadcast with an expected reply count, or directed): response time = time to
 * the last expected reply; KO "got k of n" when replies are still missing at the deadline. The request name gets
 * the phase it belongs to appended (e.g. "discovery after recovery"), decided when it ends: a request that a fault
 * overlapped belongs to the fault's phase ({@link RunControl#phaseOf}). Discovery rounds are tallied per phase.
 */
public final class McoRequestAction extends NatsAction {
    private final McoRequest spec;

    public McoRequestAction(McoRequest spec, ScenarioContext ctx, Action next) {
        super("nats " + spec.name(), ctx, next);
        this.spec = spec;
    }

    @Override
    public void execute(Session session) {
        McoClient client = UserConnection.client(session);
        if (client == null) {
            long t = now();
            report(session, spec.name() + run.control().phase().suffix(), t, t, "no client connection in this session (connect as client first)");
            resume(session.markAsFailed());
            return;
        }
        int expected = spec.expectedFor(run);
        boolean discovery = spec.agent().equals(DiscoveryAgent.NAME) && !spec.directed();
        offLoop(session, () -> {
            OutboundRequest out = spec.build(client.requests(), run);
            var call = discovery
                    ? client.call(out, expected, spec.timeout(), run.stats()::replyLatency)
                    : client.call(out, expected, spec.timeout());
            call.whenComplete((CallOutcome outcome, Throwable error) -> {
                if (error != null) {
                    long t = now();
                    report(session, spec.name() + run.control().phase().suffix(), t, t, describe(error));
                    resume(session.markAsFailed());
                    return;
                }
                RunControl.Mark phase = run.control().phaseOf(outcome.startMillis(), outcome.endMillis());
                if (discovery) {
                    run.stats().missingReplies(outcome.missing());
                    run.stats().broadcastReplies(outcome.expected(), outcome.received(), outcome.duplicates());
                    run.control().roundDone(phase, outcome.ok(), outcome.expected(), outcome.received());
                    run.stats().broadcastDone(spec.name() + phase.phase().suffix(), outcome.startMillis(), outcome.endMillis(),
                            outcome.expected(), outcome.received());
                }
                report(session, spec.name() + phase.phase().suffix(), outcome.startMillis(), outcome.endMillis(), outcome.failure());
                resume(outcome.ok() ? session : session.markAsFailed());
            });
        });
    }
}
