package dev.mconats.gatling;

import dev.mconats.mco.DiscoveryAgent;
import dev.mconats.mco.Filter;
import dev.mconats.mco.OutboundRequest;
import dev.mconats.mco.Request;
import dev.mconats.mco.RequestFactory;
import dev.mconats.mco.RpcAgent;
import dev.mconats.mco.Subjects;
import dev.mconats.gatling.internal.NatsRun;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * What an MCollective request action sends: a discovery ping or an rpcutil#ping, either broadcast to the
 * collective (expecting {@code expected} replies, by default every node of the fleet) or directed to
 * {@code targets} random identities of the fleet (expecting one reply each). Immutable; the DSL methods return
 * changed copies. {@code staleSeconds} back-dates the request's {@code time}, so nodes must refuse it (TTL check).
 */
public record McoRequest(String name, String agent, boolean directed, int targets, int expected, Duration timeout,
                         long staleSeconds, String collective) {

    static McoRequest discovery() {
        return new McoRequest("discovery", DiscoveryAgent.NAME, false, 0, -1, Duration.ofSeconds(10), 0, null);
    }

    static McoRequest rpcPing() {
        return new McoRequest("rpcutil ping", "rpcutil", false, 0, -1, Duration.ofSeconds(10), 0, null);
    }

    /** Directed to {@code count} random nodes (one copy per node, one reply expected from each). */
    public McoRequest directedTo(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("a directed request needs at least one target");
        }
        return new McoRequest(name + " (directed)", agent, true, count, count, timeout, staleSeconds, collective);
    }

    /** Expect this many replies (default: the fleet size for broadcasts, the targets for directed requests). */
    public McoRequest expect(int replies) {
        return new McoRequest(name, agent, directed, targets, replies, timeout, staleSeconds, collective);
    }

    /** KO with "got k of n" if not all expected replies arrived within this time. */
    public McoRequest timeout(Duration t) {
        return new McoRequest(name, agent, directed, targets, expected, t, staleSeconds, collective);
    }

    public McoRequest named(String requestName) {
        return new McoRequest(requestName, agent, directed, targets, expected, timeout, staleSeconds, collective);
    }

    public McoRequest stale(long seconds) {
        return new McoRequest(name, agent, directed, targets, expected, timeout, seconds, collective);
    }

    public McoRequest inCollective(String c) {
        return new McoRequest(name, agent, directed, targets, expected, timeout, staleSeconds, c);
    }

    public int expectedFor(NatsRun run) {
        return expected >= 0 ? expected : run.identities().fleetSize();
    }

    public OutboundRequest build(RequestFactory factory, NatsRun run) {
        String c = collective != null ? collective : run.fleet().spec().mainCollective();
        byte[] body = agent.equals(DiscoveryAgent.NAME) ? DiscoveryAgent.PING : RpcAgent.requestBody(agent, "ping", "{}");
        List<String> subjects = new ArrayList<>();
        Filter filter = Filter.EMPTY;
        if (directed) {
            List<String> ids = run.identities().sample(targets, ThreadLocalRandom.current());
            ids.forEach(id -> subjects.add(Subjects.directed(c, id)));
            filter = Filter.identities(ids);
        } else {
            subjects.add(Subjects.broadcast(c, agent));
        }
        Request request = factory.newRequest(c, agent, body, filter);
        if (staleSeconds != 0) {
            request = request.withTime(request.time() - staleSeconds);
        }
        return factory.encode(request, subjects);
    }
}
