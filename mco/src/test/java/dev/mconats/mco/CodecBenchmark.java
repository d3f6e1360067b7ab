package dev.mconats.mco;

import com.fasterxml.jackson.databind.ObjectReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * What one simulated node pays per discovery request (decode + verify + TTL + filter + reply encode) and what the
 * client pays per reply (decode + hash check), with the streaming codec against the data-binding codec it replaced
 * (rebuilt here from the same {@link Wire} records, same verifier, so the ratio is measured in the same run).
 * The verifier's signature memo is warm in both, as in a fleet (every node gets the byte-identical request).
 * Not a unit test: run it by hand (see BENCHMARKS.md "Load").
 *
 * <pre>args: [seconds per measurement, default 5]</pre>
 */
public final class CodecBenchmark {
    private static final ObjectReader TRANSPORT = Wire.MAPPER.readerFor(Wire.Transport.class);
    private static final ObjectReader SECURE_REQUEST = Wire.MAPPER.readerFor(Wire.SecureRequest.class);
    private static final ObjectReader REQUEST = Wire.MAPPER.readerFor(Wire.RequestMessage.class);
    private static final ObjectReader SECURE_REPLY = Wire.MAPPER.readerFor(Wire.SecureReply.class);
    private static final ObjectReader REPLY = Wire.MAPPER.readerFor(Wire.ReplyMessage.class);

    private static volatile Object sink;

    public static void main(String[] args) throws Exception {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 5;
        Signer client = Fixtures.EC_CLIENT;
        Clock clock = Clock.systemUTC();
        Verifier verifier = new Verifier(Fixtures.EC_PKI.ca);
        Codec codec = new Codec(verifier, clock);
        OutboundRequest request = new RequestFactory(client, codec).discovery("mcollective");
        byte[] payload = request.payload();
        String subject = request.subjects().get(0);
        NodeResponder node = new NodeResponder("node1.example.net", List.of("mcollective"), Agents.standard(), codec);
        byte[] reply = node.handle(payload, subject).orElseThrow().payload();
        System.out.printf("EC P-256 discovery request %d bytes, reply %d bytes%n", payload.length, reply.length);

        System.out.println("node: decode + verify + TTL + filter + reply (per request)");
        double oldNode = measure("  data binding", seconds, () -> dataBoundNode(payload, verifier, clock, node.identity()));
        double newNode = measure("  streaming   ", seconds, () -> node.handle(payload, subject).orElseThrow());
        System.out.printf("  streaming / data binding: %.2fx the time%n", newNode / oldNode);

        System.out.println("client: decode + hash check (per reply)");
        double oldClient = measure("  data binding", seconds, () -> dataBoundReply(reply));
        double newClient = measure("  streaming   ", seconds, () -> codec.decodeReply(reply));
        System.out.printf("  streaming / data binding: %.2fx the time%n", newClient / oldClient);
    }

    @FunctionalInterface
    private interface Op {
        Object run() throws Exception;
    }

    /** Runs op for warm-up then for {@code seconds}; prints and returns ns/op (allocation per op alongside). */
    private static double measure(String name, double seconds, Op op) throws Exception {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long warmEnd = System.nanoTime() + (long) (seconds * 0.5e9);
        while (System.nanoTime() < warmEnd) {
            sink = op.run();
        }
        long ops = 0;
        long alloc0 = threads.getCurrentThreadAllocatedBytes();
        long t0 = System.nanoTime();
        long end = t0 + (long) (seconds * 1e9);
        long now;
        do {
            for (int i = 0; i < 256; i++) {
                sink = op.run();
            }
            ops += 256;
            now = System.nanoTime();
        } while (now < end);
        double ns = (now - t0) / (double) ops;
        double bytes = (threads.getCurrentThreadAllocatedBytes() - alloc0) / (double) ops;
        System.out.printf("%s %8.2f us/op %8.0f bytes allocated/op (%d ops)%n", name, ns / 1000, bytes, ops);
        return ns;
    }

    // The node path as it was before the streaming codec: three data-bound levels, same checks, data-bound reply.
    private static byte[] dataBoundNode(byte[] payload, Verifier verifier, Clock clock, String identity) throws Exception {
        Wire.Transport transport = TRANSPORT.readValue(payload);
        Wire.SecureRequest secure = SECURE_REQUEST.readValue(transport.data());
        Wire.RequestMessage inner = REQUEST.readValue(secure.message());
        Wire.RequestEnvelope env = inner.envelope();
        Request request = new Request(env.requestId(), env.senderId(), env.callerId(), env.collective(), env.agent(),
                env.ttl(), env.time(), env.filter().toModel(), inner.message());
        long now = Math.floorDiv(clock.millis(), 1000L);
        verifier.verify(secure.message(), secure.signature(), secure.pubcert(), request.callerId(), now);
        if (Math.abs(now - request.time()) > request.ttl() || transport.headers().toModel().replyTo() == null) {
            throw new IllegalStateException("benchmark request expired");
        }
        Optional<byte[]> body = Agents.standard().find(request.agent()).handle(request, identity, now);
        Reply reply = new Reply(request.requestId(), identity, request.agent(), now, body.orElseThrow());
        String message = Wire.WRITER.writeValueAsString(new Wire.ReplyMessage(Protocol.REPLY, reply.bodyUnsafe(),
                new Wire.ReplyEnvelope(reply.requestId(), reply.senderId(), reply.agent(), reply.time())));
        String hash = Base64.getEncoder().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(message.getBytes(StandardCharsets.UTF_8)));
        byte[] secureReply = Wire.WRITER.writeValueAsBytes(new Wire.SecureReply(Protocol.SECURE_REPLY, message, hash));
        return Wire.WRITER.writeValueAsBytes(new Wire.Transport(Protocol.TRANSPORT, secureReply,
                Wire.Headers.of(TransportHeaders.forReply(identity))));
    }

    private static Reply dataBoundReply(byte[] payload) throws Exception {
        Wire.Transport transport = TRANSPORT.readValue(payload);
        Wire.SecureReply secure = SECURE_REPLY.readValue(transport.data());
        byte[] expected = Base64.getMimeDecoder().decode(secure.hash());
        if (!MessageDigest.isEqual(expected, MessageDigest.getInstance("SHA-256")
                .digest(secure.message().getBytes(StandardCharsets.UTF_8)))) {
            throw new IllegalStateException("hash");
        }
        Wire.ReplyMessage inner = REPLY.readValue(secure.message());
        Wire.ReplyEnvelope env = inner.envelope();
        return new Reply(env.requestId(), env.senderId(), env.agent(), env.time(), inner.message());
    }
}
