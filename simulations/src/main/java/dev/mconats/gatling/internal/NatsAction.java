package dev.mconats.gatling.internal;

import com.typesafe.scalalogging.Logger;
import io.gatling.commons.stats.KO$;
import io.gatling.commons.stats.OK$;
import io.gatling.commons.util.Clock;
import io.gatling.core.action.Action;
import io.gatling.core.action.ChainableAction;
import io.gatling.core.action.ExitableAction;
import io.gatling.core.session.Session;
import io.gatling.core.stats.StatsEngine;
import io.gatling.core.structure.ScenarioContext;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import org.slf4j.LoggerFactory;
import scala.Option;

/**
 * Base of every NATS action. Supplies what Scala traits expect from an implementing class (javac cannot see the
 * synthetic super-accessors of {@code ChainableAction.!} and {@code ExitableAction.!}, so they are bound here by
 * method handles), and the two rules every action follows: never block the user's event loop, and always continue
 * the user — a failure is a KO plus {@code markAsFailed}, never a lost continuation.
 */
public abstract class NatsAction implements ExitableAction {
    private static final MethodHandle ACTION_BANG;
    private static final MethodHandle CHAINABLE_BANG;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            ACTION_BANG = lookup.findStatic(Action.class, "$bang$", MethodType.methodType(void.class, Action.class, Session.class));
            CHAINABLE_BANG = lookup.findStatic(ChainableAction.class, "$bang$",
                    MethodType.methodType(void.class, ChainableAction.class, Session.class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError("Gatling's Action API changed: " + e);
        }
    }

    private final String name;
    private final Action next;
    private final StatsEngine statsEngine;
    private final Clock clock;
    private Logger logger;
    protected final NatsRun run;

    public NatsAction(String name, ScenarioContext ctx, Action next) {
        this.name = name;
        this.next = next;
        this.statsEngine = ctx.coreComponents().statsEngine();
        this.clock = ctx.coreComponents().clock();
        this.run = ctx.protocolComponentsRegistry().components(NatsProtocol.KEY).run();
        this.logger = Logger.apply(LoggerFactory.getLogger(getClass()));
    }

    // ------------------------------------------------------------ Scala trait plumbing

    public Logger logger() {
        return logger;
    }

    public void com$typesafe$scalalogging$StrictLogging$_setter_$logger_$eq(Logger l) {
        this.logger = l;
    }

    public void io$gatling$core$action$ChainableAction$$super$$bang(Session session) {
        try {
            ACTION_BANG.invokeExact((Action) this, session);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    public void io$gatling$core$action$ExitableAction$$super$$bang(Session session) {
        try {
            CHAINABLE_BANG.invokeExact((ChainableAction) this, session);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Action next() {
        return next;
    }

    @Override
    public StatsEngine statsEngine() {
        return statsEngine;
    }

    @Override
    public Clock clock() {
        return clock;
    }

    @Override
    public String toString() {
        return "NatsAction[" + name + "]";
    }

    @Override
    public abstract void execute(Session session);

    // ------------------------------------------------------------ helpers for actions

    long now() {
        return clock.nowMillis();
    }

    /** Reports one timed request to Gatling and to the injector's own statistics. */
    void report(Session session, String request, long start, long end, String failure) {
        boolean ok = failure == null;
        statsEngine.logResponse(session.scenario(), session.groups(), request, start, end,
                ok ? OK$.MODULE$ : KO$.MODULE$, Option.empty(), ok ? Option.empty() : Option.apply(failure));
        run.stats().record(request, start, end, ok);
    }

    /** Continues the user on its own event loop, from any thread. */
    void resume(Session session) {
        session.eventLoop().execute(() -> next.$bang(session));
    }

    /** Runs blocking work on a virtual thread; anything it throws ends as a KO-free failed continuation. */
    void offLoop(Session session, Blocking work) {
        run.fleet().runtime().virtualThreads().execute(() -> {
            try {
                work.run();
            } catch (Throwable t) {
                logger.underlying().warn("{} crashed for user {}: {}", name, session.userId(), t.toString());
                resume(session.markAsFailed());
            }
        });
    }

    @FunctionalInterface
    interface Blocking {
        void run() throws Exception;
    }

    static String describe(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && c.getMessage() == null) {
            c = c.getCause();
        }
        String m = c.getMessage();
        return c.getClass().getSimpleName() + (m == null ? "" : ": " + m.replace('\n', ' '));
    }
}
