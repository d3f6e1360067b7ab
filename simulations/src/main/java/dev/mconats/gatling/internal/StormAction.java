package dev.mconats.gatling.internal;

import dev.mconats.fleet.McoClient;
import dev.mconats.storm.ClusterProbe;
import dev.mconats.storm.StormDriver;
import dev.mconats.storm.StormRecord;
import io.gatling.core.action.Action;
import io.gatling.core.session.Session;
import io.gatling.core.structure.ScenarioContext;
import io.nats.client.Connection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The storm's fault driver as a Gatling action: runs the run's {@link StormDriver} on a virtual thread and reports
 * each step's "member back", "mesh whole" and "fleet recovered", then "storm verdict"; continues the user when every
 * step ran. KO when the run has no storm attached.
 */
public final class StormAction extends NatsAction {
    public StormAction(ScenarioContext ctx, Action next) {
        super("nats storm", ctx, next);
    }

    @Override
    public void execute(Session session) {
        if (run.storm().isEmpty()) {
            long t = now();
            report(session, "storm verdict", t, t, "no storm attached to this run");
            run.control().faultsDone();
            resume(session.markAsFailed());
            return;
        }
        StormRecord record = run.storm().get();
        offLoop(session, () -> {
            StormDriver driver = new StormDriver(record.plan(), run.control(), run.fleet().state(), run.identities().localSize(),
                    new RunClients(run), run.fleet().runtime().scheduler(),
                    (request, start, end, failure) -> report(session, request, start, end, failure), record);
            boolean ok = driver.run();
            resume(ok ? session : session.markAsFailed());
        });
    }

    /** The run's clients as the driver sees them. */
    private record RunClients(NatsRun run) implements StormDriver.Clients {
        @Override
        public int count() {
            return run.clients().size();
        }

        @Override
        public boolean allConnected() {
            return run.clients().stream().allMatch(c -> c.connection().getStatus() == Connection.Status.CONNECTED);
        }

        @Override
        public Map<String, Integer> byServer() {
            Map<String, Integer> out = new LinkedHashMap<>();
            for (McoClient c : run.clients()) {
                String url = c.connection().getConnectedUrl();
                if (url != null && c.connection().getStatus() == Connection.Status.CONNECTED) {
                    out.merge(ClusterProbe.endpointOf(url), 1, Integer::sum);
                }
            }
            return out;
        }
    }
}
