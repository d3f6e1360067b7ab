package dev.mconats.gatling.internal;

import io.gatling.commons.stats.OK$;
import io.gatling.core.CoreComponents;
import io.gatling.core.protocol.ProtocolComponents;
import io.gatling.core.session.Session;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import scala.Function1;
import scala.Option;
import scala.runtime.BoxedUnit;

/**
 * Per-simulation wiring of the protocol: closes a user's connection when the user ends, closes the whole run when
 * Gatling's actor system terminates (users cut by maxDuration never reach their exit), and reports each node's
 * recovery after a disconnect as a "reconnect" request of the nodes scenario.
 */
public final class NatsComponents implements ProtocolComponents {
    /** Session attribute holding a user's node or client; "gatling." keys survive session resets. */
    public static final String CONNECTION = "gatling.nats.connection";
    public static final String NODES_SCENARIO = "nodes";

    private static final Map<NatsRun, NatsComponents> BY_RUN = new ConcurrentHashMap<>();

    private final NatsRun run;
    private final CoreComponents core;

    private NatsComponents(NatsRun run, CoreComponents core) {
        this.run = run;
        this.core = core;
    }

    // Gatling asks once per scenario; one instance per run keeps the termination hook and listener single.
    public static NatsComponents of(NatsRun run, CoreComponents core) {
        return BY_RUN.computeIfAbsent(run, r -> {
            NatsComponents c = new NatsComponents(r, core);
            core.actorSystem().registerOnTermination(() -> {
                r.close();
                BY_RUN.remove(r);
                return BoxedUnit.UNIT;
            });
            r.fleet().state().onRecovery((identity, downAt, backAt) -> {
                core.statsEngine().logResponse(NODES_SCENARIO, scala.collection.immutable.List$.MODULE$.empty(),
                        "reconnect", downAt, backAt, OK$.MODULE$, Option.empty(), Option.empty());
                r.stats().record("reconnect", downAt, backAt, true);
            });
            return c;
        });
    }

    public NatsRun run() {
        return run;
    }

    public CoreComponents core() {
        return core;
    }

    @Override
    public Function1<Session, Session> onStart() {
        return session -> session;
    }

    @Override
    public Function1<Session, BoxedUnit> onExit() {
        return session -> {
            Option<Object> held = session.attributes().get(CONNECTION);
            if (held.isDefined() && held.get() instanceof AutoCloseable c) {
                run.fleet().runtime().virtualThreads().execute(() -> {
                    try {
                        c.close();
                    } catch (Exception ignored) {
                        // the user is gone; nothing left to report to
                    }
                });
            }
            return BoxedUnit.UNIT;
        };
    }
}
