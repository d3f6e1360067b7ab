package dev.mconats.fleet;

import dev.mconats.pki.CertificateAuthority;
import dev.mconats.pki.CertificateRequest;
import dev.mconats.pki.Identity;
import dev.mconats.pki.KeyType;
import dev.mconats.reports.sampling.ProcStat;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import java.io.IOException;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * Gets the JIT through the node connection path before the fleet connects, so that a connect phase measures the
 * servers' handshakes rather than the injector's compiler (a Go node has no JIT to warm).
 *
 * <p>Up to {@code connections} real node connections, made by the same code as every node ({@link SimulatedNode},
 * {@link NodeConnection}, {@link NodeSsl} on the node event loops, a loopback source address of their own), go to a
 * throw-away NATS endpoint inside this JVM on 127.0.0.1: it sends an INFO, does a full TLS 1.3 handshake (BoringSSL,
 * client certificate required) with an EC P-256 certificate of a CA made for the purpose, and answers the node's
 * PING. Nothing reaches a server of the run. They go in batches of {@value #BATCH}; after each the compiler threads
 * are given time to drain (bounded), and a batch during which they hardly worked ends the warm-up. The CPU it took is
 * reported, since it is spent before the connect phase rather than saved.
 */
public final class ConnectWarmup {
    static final String NAME_PREFIX = "mconats-connect-warmup-";
    private static final Duration SETTLE_LIMIT = Duration.ofSeconds(15);
    /** Connections per batch; after each the JIT is let drain, and a batch that hardly compiled ends the warm-up. */
    static final int BATCH = 500;
    /** Compiler CPU (10 ms ticks) over a batch and its drain below which the connect path counts as compiled. */
    static final long QUIET_BATCH_TICKS = 20;

    /** What the warm-up did, for the run's summary. */
    public record Result(int connections, int ok, long millis, long cpuMillis, long settleMillis) {
        static final Result NONE = new Result(0, 0, 0, 0, 0);
    }

    private ConnectWarmup() {
    }

    static Result run(Fleet fleet, int connections, int inFlight) {
        if (connections <= 0) {
            return Result.NONE;
        }
        long t0 = System.nanoTime();
        long cpu0 = processCpuNanos();
        int[] done = new int[2];
        long settleNanos = 0;
        try (Endpoint.Listening endpoint = Endpoint.start(fleet.runtime());
             Fleet warm = fleet.warmupSibling(endpoint.tls(), endpoint.address())) {
            String[] urls = warm.servers().urls().toArray(String[]::new);
            while (done[0] < connections) {
                OptionalLong before = compilerTicks();
                int batch = Math.min(BATCH, connections - done[0]);
                done[1] += connect(warm, urls, done[0], batch, Math.max(1, inFlight));
                done[0] += batch;
                long s = System.nanoTime();
                settle();
                settleNanos += System.nanoTime() - s;
                OptionalLong after = compilerTicks();
                if (before.isEmpty() || after.isEmpty() || after.getAsLong() - before.getAsLong() <= QUIET_BATCH_TICKS) {
                    break; // the last batch hardly compiled anything (or the compilers cannot be watched here)
                }
            }
        } catch (Exception e) {
            // Best effort: a run without it only starts colder.
        }
        return new Result(done[0], done[1], (System.nanoTime() - t0) / 1_000_000,
                (processCpuNanos() - cpu0) / 1_000_000, settleNanos / 1_000_000);
    }

    /** {@code count} connections named from {@code first} on, {@code inFlight} at a time; returns how many went live. */
    private static int connect(Fleet warm, String[] urls, int first, int count, int inFlight) throws InterruptedException {
        Semaphore slots = new Semaphore(inFlight);
        ConcurrentLinkedQueue<SimulatedNode> finished = new ConcurrentLinkedQueue<>();
        AtomicInteger live = new AtomicInteger();
        for (int i = first; i < first + count; i++) {
            if (!slots.tryAcquire(30, TimeUnit.SECONDS)) {
                break;
            }
            closeFinished(finished);
            SimulatedNode n = warm.node(NAME_PREFIX + i);
            n.connectAsync(urls).whenComplete((v, e) -> {
                if (e == null) {
                    live.incrementAndGet();
                }
                finished.add(n);
                slots.release();
            });
        }
        slots.tryAcquire(inFlight, 30, TimeUnit.SECONDS);
        closeFinished(finished);
        return live.get();
    }

    // On this thread, not in the completion: closing waits for the event loop that completed the connect.
    private static void closeFinished(ConcurrentLinkedQueue<SimulatedNode> finished) throws InterruptedException {
        for (SimulatedNode n; (n = finished.poll()) != null; ) {
            n.close();
        }
    }

    /**
     * Waits until the JIT's compiler threads have been nearly idle for half a second, at most {@link #SETTLE_LIMIT}:
     * compiles queued during the warm-up (one C2 thread on a 2-core machine stays busy for seconds) would otherwise
     * run among the fleet's handshakes. Compiler threads are not Java threads: their CPU is read from /proc (Linux);
     * elsewhere the JVM's total compilation time must stop growing.
     */
    static void settle() {
        boolean proc = compilerTicks().isPresent();
        LongSupplier busy = proc ? () -> compilerTicks().orElse(0) : ConnectWarmup::compileMillis;
        long quietPer100Ms = proc ? 1 : 10; // one 10 ms tick of compiler CPU, or 10 ms of compile time: 10 % busy
        long end = System.nanoTime() + SETTLE_LIMIT.toNanos();
        long quietFor = 0;
        long last = busy.getAsLong();
        try {
            while (System.nanoTime() < end && quietFor < 500) {
                Thread.sleep(100);
                long now = busy.getAsLong();
                quietFor = now - last <= quietPer100Ms ? quietFor + 100 : 0;
                last = now;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** CPU ticks (utime + stime) of this JVM's JIT compiler threads, from /proc; empty where there is no /proc. */
    static OptionalLong compilerTicks() {
        Path tasks = Path.of("/proc/self/task");
        if (!Files.isDirectory(tasks)) {
            return OptionalLong.empty();
        }
        long ticks = 0;
        try (DirectoryStream<Path> all = Files.newDirectoryStream(tasks)) {
            for (Path t : all) {
                try {
                    if (!Files.readString(t.resolve("comm")).contains("CompilerThre")) { // "C2 CompilerThre"
                        continue;
                    }
                } catch (IOException gone) {
                    continue; // a thread that ended meanwhile
                }
                ticks += Math.max(0, ProcStat.cpuTicks(t.resolve("stat"))); // -1: it ended meanwhile
            }
        } catch (IOException e) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(ticks);
    }

    private static long compileMillis() {
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        return jit != null && jit.isCompilationTimeMonitoringSupported() ? jit.getTotalCompilationTime() : 0;
    }

    private static long processCpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() : 0;
    }

    /** The in-process NATS endpoint: INFO in plain text, then TLS; answers PING with PONG and ignores the rest. */
    private static final class Endpoint extends ByteToMessageDecoder {
        /** The endpoint listening on 127.0.0.1 and the material its nodes trust; closing stops it. */
        record Listening(Channel listener, FleetTls tls) implements AutoCloseable {
            InetSocketAddress address() {
                return (InetSocketAddress) listener.localAddress();
            }

            @Override
            public void close() throws InterruptedException {
                listener.close().await(5, TimeUnit.SECONDS);
            }
        }

        static Listening start(NatsRuntime runtime) throws Exception {
            CertificateAuthority ca = CertificateAuthority.create("mco-nats connect warm-up CA", KeyType.EC_P256);
            Identity server = ca.issue(CertificateRequest.server("localhost").ip("127.0.0.1").keyType(KeyType.EC_P256).build());
            Identity node = ca.issue(CertificateRequest.client(NAME_PREFIX + "node").keyType(KeyType.EC_P256).build());
            SslContext ssl = SslContextBuilder.forServer(server.privateKey(), server.chain())
                    .sslProvider(OpenSsl.isAvailable() ? SslProvider.OPENSSL : SslProvider.JDK)
                    .protocols("TLSv1.3", "TLSv1.2").clientAuth(ClientAuth.REQUIRE)
                    .trustManager(InsecureTrustManagerFactory.INSTANCE) // the node side is what is warmed, not this one
                    .build();
            Class<? extends ServerChannel> serverChannel = runtime.nodeChannel() == EpollSocketChannel.class
                    ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
            Channel listener = new ServerBootstrap().group(runtime.nodeLoops()).channel(serverChannel)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            ch.pipeline().addLast(new Endpoint(ssl));
                        }
                    })
                    .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)).sync().channel();
            return new Listening(listener, FleetTls.throwaway(ca.chain(), node));
        }

        private static final byte[] INFO = ("INFO {\"server_id\":\"mconats-connect-warmup\",\"version\":\"2.10.0\","
                + "\"proto\":1,\"tls_required\":true,\"tls_verify\":true,\"max_payload\":1048576}\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        private static final byte[] PONG = "PONG\r\n".getBytes(StandardCharsets.US_ASCII);
        private final SslContext ssl;

        Endpoint(SslContext ssl) {
            this.ssl = ssl;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) throws Exception {
            // Written below the TLS handler that is added next: INFO goes out in plain text, as a NATS server sends it.
            ctx.writeAndFlush(Unpooled.wrappedBuffer(INFO));
            ctx.pipeline().addFirst(ssl.newHandler(ctx.alloc()));
            super.channelActive(ctx);
        }

        @Override
        protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
            int lf;
            while ((lf = in.indexOf(in.readerIndex(), in.writerIndex(), (byte) '\n')) >= 0) {
                if (lf - in.readerIndex() >= 4 && (in.getByte(in.readerIndex()) | 0x20) == 'p'
                        && (in.getByte(in.readerIndex() + 1) | 0x20) == 'i') {
                    ctx.writeAndFlush(Unpooled.wrappedBuffer(PONG));
                }
                in.readerIndex(lf + 1);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
