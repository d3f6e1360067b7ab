package dev.mconats.fleet;

import dev.mconats.mco.Codec;
import dev.mconats.mco.MessageRejected;
import dev.mconats.mco.NodeResponder;
import dev.mconats.mco.OutboundReply;
import dev.mconats.mco.OutboundRequest;
import dev.mconats.mco.RequestFactory;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Gets the JIT ready for the first discovery round, in two parts, once this injector's nodes are connected (in the
 * pause before the first broadcast, so that its work does not mix with the handshakes).
 *
 * <p><b>Message path over one connection.</b> One extra node (name {@value #CONNECTION_NAME}, the same code as every
 * node) answers {@value #MESSAGES} real requests of one extra client in a private collective, so that the profiles
 * the JIT compiles from contain real message traffic through the very classes of a round: the node's MSG parsing,
 * responder and reply path on the event loops, and the client's jnats reader, dispatcher and reply decode. Nothing
 * else subscribes to that collective; the server sees two more connections for a few seconds and about 5 MB of
 * traffic.
 *
 * <p><b>Codec.</b> Then {@value #ITERATIONS} node request/reply cycles run in-process through the fleet's codec
 * (decode, signature/CA/caller check, TTL, filter, agent, reply encode, client reply decode), so nodes do not run
 * them in the interpreter in the first round. No counters are touched; the signature memo gets one entry per
 * thousand iterations (fresh requests, verified like any other).
 *
 * <p>Runs on one platform thread (a CPU-bound loop must not hold one of the event loops or virtual-thread carriers).
 * A Go node has no JIT, so without this the first round measures the injector's compiler rather than the cluster.
 */
final class JitWarmup {
    static final int ITERATIONS = 20_000;
    static final int MESSAGES = 2_000;
    static final String CONNECTION_NAME = "mconats-jit-warmup";
    /** The warm-up's own collective: no simulated node of the run subscribes to it. */
    static final String COLLECTIVE = "mconats_jit_warmup";

    private JitWarmup() {
    }

    static void run(Fleet fleet) {
        try {
            messagePath(fleet, MESSAGES);
        } catch (Exception e) {
            // Best effort: an unreachable server is reported by the nodes themselves; the run just starts colder.
        }
        codec(fleet, ITERATIONS);
    }

    /**
     * Real discovery requests from a real {@link McoClient} to one real {@link SimulatedNode}, both in a sibling fleet
     * whose private collective no other node subscribes to: the node and client code run exactly the classes a round
     * runs.
     */
    static void messagePath(Fleet fleet, int messages) throws Exception {
        Fleet sibling = fleet.warmupSibling();
        try {
            String[] urls = fleet.servers().startingAt(0);
            SimulatedNode node = sibling.node(CONNECTION_NAME);
            node.connect(urls);
            node.subscribe(Duration.ofSeconds(10));
            McoClient client = sibling.connectClient(CONNECTION_NAME + "-client", urls);
            for (int i = 0; i < messages; i++) {
                OutboundRequest request = i % 10 == 9
                        ? client.requests().rpcPing(COLLECTIVE) : client.requests().discovery(COLLECTIVE);
                if (!client.call(request, 1, Duration.ofSeconds(5)).get(10, TimeUnit.SECONDS).ok()) {
                    return; // e.g. a clock far off: the real rounds will report it
                }
            }
        } finally {
            sibling.close();
        }
    }

    /** Node request/reply cycles through the fleet's codec with the clients' signer, in-process. */
    static void codec(Fleet fleet, int iterations) {
        Codec codec = fleet.codec();
        String collective = fleet.spec().mainCollective();
        RequestFactory requests = new RequestFactory(fleet.tls().clientSigner(), codec);
        NodeResponder node = new NodeResponder("warmup.invalid", fleet.spec().collectives(), fleet.spec().agents(), codec,
                rejected -> { });
        OutboundRequest discovery = null;
        OutboundRequest ping = null;
        long checksum = 0;
        for (int i = 0; i < iterations; i++) {
            if (i % 1000 == 0) {
                // Fresh requests now and then: stay well inside the TTL however slowly a busy machine lets this run.
                discovery = requests.discovery(collective);
                ping = requests.rpcPing(collective);
            }
            OutboundRequest request = i % 10 == 9 ? ping : discovery;
            Optional<OutboundReply> reply = node.handle(request.payload(), request.subjects().get(0));
            if (reply.isEmpty()) {
                return; // e.g. a clock far off: nothing to warm, and the real rounds will report the refusals
            }
            try {
                checksum += codec.decodeReply(reply.get().payload()).time();
            } catch (MessageRejected e) {
                return;
            }
        }
        if (checksum == 42) {
            Thread.onSpinWait(); // keeps the loop's results alive for the JIT; never true in practice
        }
    }
}
