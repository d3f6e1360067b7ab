package dev.mconats.gatling.internal;

import dev.mconats.fleet.McoClient;
import dev.mconats.fleet.SimulatedNode;
import io.gatling.core.session.Session;
import scala.Option;

/** Reads the node or client a virtual user holds in its session. */
public final class UserConnection {
    private UserConnection() {
    }

    public static SimulatedNode node(Session session) {
        return get(session) instanceof SimulatedNode n ? n : null;
    }

    public static McoClient client(Session session) {
        return get(session) instanceof McoClient c ? c : null;
    }

    public static Object get(Session session) {
        Option<Object> held = session.attributes().get(NatsComponents.CONNECTION);
        return held.isDefined() ? held.get() : null;
    }
}
