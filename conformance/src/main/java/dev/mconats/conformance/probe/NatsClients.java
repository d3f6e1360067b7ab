package dev.mconats.conformance.probe;

import dev.mconats.targetmodel.NatsClientOptions;
import io.nats.client.Connection;
import io.nats.client.Consumer;
import io.nats.client.ErrorListener;
import io.nats.client.Nats;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLContext;

/**
 * Ordinary NATS client connections (jnats) to one server: no reconnects, no server list shuffling, errors collected
 * for the evidence instead of logged.
 */
public final class NatsClients {
    private NatsClients() {
    }

    /** Collects what jnats reports asynchronously (e.g. "-ERR 'Authorization Violation'"). */
    public static final class Errors implements ErrorListener {
        private final List<String> seen = new CopyOnWriteArrayList<>();

        @Override
        public void errorOccurred(Connection conn, String error) {
            add("server error: " + error);
        }

        @Override
        public void exceptionOccurred(Connection conn, Exception exp) {
            add("client: " + innermost(exp));
        }

        @Override
        public void slowConsumerDetected(Connection conn, Consumer consumer) {
            add("slow consumer");
        }

        private void add(String s) {
            if (seen.size() < 20) {
                seen.add(s);
            }
        }

        public List<String> seen() {
            return List.copyOf(seen);
        }
    }

    /**
     * Connects to one server; TLS with {@code tls} when not null, else plaintext. A connection attempt that is cut off
     * (not refused) is tried again, up to {@link CutOff#ATTEMPTS} in all.
     */
    public static Connection connect(InetSocketAddress endpoint, SSLContext tls, String name, Errors errors, Duration timeout)
            throws IOException, InterruptedException {
        for (int attempt = 1; ; attempt++) {
            int seen = errors.seen().size();
            try {
                return connectOnce(endpoint, tls, name, errors, timeout);
            } catch (IOException e) {
                List<String> now = errors.seen();
                String why = now.size() > seen ? now.get(seen) : problem(e);
                if (attempt >= CutOff.ATTEMPTS || !CutOff.is(why)) {
                    throw e;
                }
            }
        }
    }

    private static Connection connectOnce(InetSocketAddress endpoint, SSLContext tls, String name, Errors errors, Duration timeout)
            throws IOException, InterruptedException {
        String url = (tls == null ? "nats://" : "tls://") + RawNats.label(endpoint);
        return Nats.connect(NatsClientOptions.singleServer(url, tls, timeout)
                .connectionName(name)
                .errorListener(errors)
                .build());
    }

    /**
     * Closes connections side by side and waits for all. jnats' close waits up to a second for its reader thread to
     * leave a blocking TLS read, so closing one after the other would add a second per connection to a check.
     */
    public static void closeAll(List<Connection> connections) {
        List<Thread> closers = connections.stream().filter(java.util.Objects::nonNull)
                .map(c -> Thread.ofPlatform().daemon().start(() -> {
                    try {
                        c.close();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                })).toList();
        for (Thread t : closers) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** The reason a connect failed: jnats' message, and the innermost cause when there is one. */
    public static String problem(Throwable e) {
        String inner = innermost(e);
        String outer = RawNats.oneLine(e);
        return inner.equals(outer) ? outer : outer + " (" + inner + ")";
    }

    /** The innermost cause names the real problem (TLS alert, PKIX path, server name), without class names. */
    static String innermost(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return RawNats.tlsProblem(t);
    }
}
