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
 * the run's phase appended (e.g. "discovery after recovery") so a fault's effect shows as separate requests.
 */
public final class McoRequestAction extends NatsAction {
    private final McoRequest spec;

    public McoRequestAction(McoRequest spec, ScenarioContext ctx, Action next) {
        super("nats " + spec.name(), ctx, next);
        this.spec = spec;
    }

    @Override
    public void execute(Session session) {
        String request = spec.name() + run.control().phase().suffix();
        McoClient client = UserConnection.client(session);
        if (client == null) {
            long t = now();
            report(session, request, t, t, "no client connection in this session (connect as client first)");
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
                    report(session, request, t, t, describe(error));
                    resume(session.markAsFailed());
                    return;
                }
                if (discovery) {
                    run.stats().missingReplies(outcome.missing());
                    run.stats().broadcastReplies(outcome.expected(), outcome.received(), outcome.duplicates());
                    run.stats().broadcastDone(request, outcome.startMillis(), outcome.endMillis(), outcome.expected(), outcome.received());
                }
                report(session, request, outcome.startMillis(), outcome.endMillis(), outcome.failure());
                resume(outcome.ok() ? session : session.markAsFailed());
            });
        });
    }
}
