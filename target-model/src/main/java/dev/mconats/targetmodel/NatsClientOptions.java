package dev.mconats.targetmodel;

import io.nats.client.Options;
import java.net.InetAddress;
import java.time.Duration;
import javax.net.ssl.SSLContext;

/**
 * jnats options for one server of a target: the URL carries the resolved address (the suite resolves names
 * itself, through the target's hosts map and DNS server), TLS is the target's. jnats checks the chain only, never
 * the host name, which is why {@code tls/server-cert-valid} checks names itself.
 */
public final class NatsClientOptions {
    private NatsClientOptions() {
    }

    public static String url(Target target, ServerAddress server) {
        InetAddress a = target.resolve(server.host());
        return "tls://" + a.getHostAddress() + ":" + server.port();
    }

    /** A single-server, no-reconnect client: what a check needs to see one server's behaviour. */
    public static Options.Builder singleServer(Target target, ServerAddress server, SSLContext tls) {
        return singleServer(url(target, server), tls, Duration.ofSeconds(5));
    }

    /**
     * The same for an already resolved URL ({@code tls://} or {@code nats://}); every single-server client of the suite
     * starts here, so its defaults (no reconnect, server order kept) are in one place.
     */
    public static Options.Builder singleServer(String url, SSLContext tls, Duration connectTimeout) {
        Options.Builder b = new Options.Builder()
                .server(url)
                .noRandomize()
                .maxReconnects(0)
                .connectionTimeout(connectTimeout)
                .connectionName("mco-nats-suite");
        if (tls != null) {
            b.sslContext(tls);
        }
        return b;
    }

    /**
     * A client of several servers, first one first, that never gives up reconnecting (what a simulated fleet's clients
     * are): the caller adds its server pool, backoff and listeners.
     */
    public static Options.Builder reconnecting(String[] urls, SSLContext tls, String name) {
        return new Options.Builder()
                .servers(urls)
                .noRandomize()
                .maxReconnects(-1)
                .sslContext(tls)
                .connectionName(name);
    }
}
