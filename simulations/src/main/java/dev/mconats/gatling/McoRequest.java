package dev.mconats.gatling;

import dev.mconats.mco.DiscoveryAgent;
import dev.mconats.mco.FactFilter;
import dev.mconats.mco.Filter;
import dev.mconats.mco.NodeInventory;
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
import java.util.stream.IntStream;

/**
 * What an MCollective request action sends: a discovery ping or an rpcutil#ping, either broadcast to the
 * collective or directed to {@code targets} random identities of the fleet (one reply expected from each). A
 * broadcast may carry fact and class filters ({@link #whereFact}, {@link #withClass}); it then expects a reply from
 * every node whose inventory ({@link NodeInventory#simulated}) matches, counted over the whole fleet, unless
 * {@link #expect} says otherwise. Immutable; the DSL methods return changed copies. {@code staleSeconds} back-dates
 * the request's {@code time}, so nodes must refuse it (TTL check).
 */
public record McoRequest(String name, String agent, boolean directed, int targets, int expected, Duration timeout,
                         long staleSeconds, String collective, Filter filter) {

    public McoRequest {
        filter = filter == null ? Filter.EMPTY : filter;
    }

    static McoRequest discovery() {
        return new McoRequest("discovery", DiscoveryAgent.NAME, false, 0, -1, Duration.ofSeconds(10), 0, null, Filter.EMPTY);
    }

    static McoRequest rpcPing() {
        return new McoRequest("rpcutil ping", "rpcutil", false, 0, -1, Duration.ofSeconds(10), 0, null, Filter.EMPTY);
    }

    /** Directed to {@code count} random nodes (one copy per node, one reply expected from each). */
    public McoRequest directedTo(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("a directed request needs at least one target");
        }
        if (!filter.isEmpty()) {
            throw new IllegalArgumentException("a directed request names its targets; it takes no fact or class filter");
        }
        return new McoRequest(name + " (directed)", agent, true, count, count, timeout, staleSeconds, collective, filter);
    }

    /** Expect this many replies (default: every matching node of the fleet, or the targets of a directed request). */
    public McoRequest expect(int replies) {
        return new McoRequest(name, agent, directed, targets, replies, timeout, staleSeconds, collective, filter);
    }

    /** KO with "got k of n" if not all expected replies arrived within this time. */
    public McoRequest timeout(Duration t) {
        return new McoRequest(name, agent, directed, targets, expected, t, staleSeconds, collective, filter);
    }

    public McoRequest named(String requestName) {
        return new McoRequest(requestName, agent, directed, targets, expected, timeout, staleSeconds, collective, filter);
    }

    public McoRequest stale(long seconds) {
        return new McoRequest(name, agent, directed, targets, expected, timeout, seconds, collective, filter);
    }

    public McoRequest inCollective(String c) {
        return new McoRequest(name, agent, directed, targets, expected, timeout, staleSeconds, c, filter);
    }

    /**
     * Adds a fact filter, e.g. {@code whereFact("parity", "==", "even")} (half of a simulated fleet); operators as
     * MCollective's: {@code == != =~ < > <= >=}. Several filters are ANDed.
     */
    public McoRequest whereFact(String fact, String operator, String value) {
        if (directed) {
            throw new IllegalArgumentException("a directed request names its targets; it takes no fact or class filter");
        }
        List<FactFilter> facts = new ArrayList<>(filter.fact());
        facts.add(new FactFilter(fact, operator, value));
        return withFilter(new Filter(facts, filter.cfClass(), filter.agent(), filter.identity(), filter.compound()));
    }

    /** Adds a class filter: a Puppet class name or {@code /regex/}, e.g. {@code withClass("role::db")}. */
    public McoRequest withClass(String classFilter) {
        if (directed) {
            throw new IllegalArgumentException("a directed request names its targets; it takes no fact or class filter");
        }
        List<String> classes = new ArrayList<>(filter.cfClass());
        classes.add(classFilter);
        return withFilter(new Filter(filter.fact(), classes, filter.agent(), filter.identity(), filter.compound()));
    }

    private McoRequest withFilter(Filter f) {
        return new McoRequest(name, agent, directed, targets, expected, timeout, staleSeconds, collective, f);
    }

    public int expectedFor(NatsRun run) {
        if (expected >= 0) {
            return expected;
        }
        int fleet = run.identities().fleetSize();
        if (filter.isEmpty()) {
            return fleet;
        }
        // Every node's inventory follows from its fleet index, so the client knows which nodes the filter selects.
        return (int) IntStream.range(0, fleet).filter(i -> NodeInventory.simulated(i).matchesAll(filter)).count();
    }

    public OutboundRequest build(RequestFactory factory, NatsRun run) {
        String c = collective != null ? collective : run.fleet().spec().mainCollective();
        byte[] body = agent.equals(DiscoveryAgent.NAME) ? DiscoveryAgent.PING : RpcAgent.requestBody(agent, "ping", "{}");
        List<String> subjects = new ArrayList<>();
        Filter f = filter;
        if (directed) {
            List<String> ids = run.identities().sample(targets, ThreadLocalRandom.current());
            ids.forEach(id -> subjects.add(Subjects.directed(c, id)));
            f = Filter.identities(ids);
        } else {
            subjects.add(Subjects.broadcast(c, agent));
        }
        Request request = factory.newRequest(c, agent, body, f);
        if (staleSeconds != 0) {
            request = request.withTime(request.time() - staleSeconds);
        }
        return factory.encode(request, subjects);
    }
}
