package dev.mconats.gatling;

import dev.mconats.fleet.McoClient;
import dev.mconats.fleet.SimulatedNode;
import io.gatling.core.session.Session;
import scala.Option;

/** Reads the node or client a virtual user holds in its session. */
final class UserConnection {
    private UserConnection() {
    }

    static SimulatedNode node(Session session) {
        return get(session) instanceof SimulatedNode n ? n : null;
    }

    static McoClient client(Session session) {
        return get(session) instanceof McoClient c ? c : null;
    }

    static Object get(Session session) {
        Option<Object> held = session.attributes().get(NatsComponents.CONNECTION);
        return held.isDefined() ? held.get() : null;
    }
}
