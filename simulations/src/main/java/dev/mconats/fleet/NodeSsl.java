package dev.mconats.fleet;

import dev.mconats.pki.CaChainTrust;
import dev.mconats.pki.Identity;
import dev.mconats.pki.IdentityKeyManager;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.OpenSslCachingX509KeyManagerFactory;
import io.netty.handler.ssl.OpenSslContextOption;
import io.netty.handler.ssl.OpenSslCredential;
import io.netty.handler.ssl.OpenSslCredentialBuilder;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.KeyManagerFactorySpi;
import javax.net.ssl.ManagerFactoryParameters;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;

/**
 * The TLS side of the simulated nodes: one client context for the whole fleet, BoringSSL (netty-tcnative) when its
 * native library loads on this platform, else the JDK's engine. Each node still gets its own engine and a full
 * handshake: the engine is created without a peer host, so Netty's client session cache never offers a session
 * for resumption, and TLS 1.3 tickets the server sends are dropped.
 *
 * <p>The node's certificate is set once on the native context (a BoringSSL credential), so a handshake never calls
 * back into Java for it; with one certificate per node, a key manager answers each engine with its node's identity.
 * Trust is {@link CaChainTrust} (the Puppet CA only, chain checked on every handshake, no host name, as jnats).
 * Protocols: TLS 1.3 and 1.2.
 */
final class NodeSsl {
    private final SslContext context;
    private final Map<SSLEngine, String> engineIdentity;
    private final String provider;

    private NodeSsl(SslContext context, Map<SSLEngine, String> engineIdentity, String provider) {
        this.context = context;
        this.engineIdentity = engineIdentity;
        this.provider = provider;
    }

    /** All nodes present {@code node}. */
    static NodeSsl shared(List<X509Certificate> ca, Identity node) {
        SslContextBuilder b = base(ca);
        boolean openSsl = OpenSsl.isAvailable();
        if (openSsl && OpenSslCredential.isAvailable()) {
            b.addCredential(OpenSslCredentialBuilder.forX509(node.privateKey(), node.chain()).build());
        } else {
            KeyManagerFactory kmf = factory(IdentityKeyManager.of(node));
            b.keyManager(openSsl ? new OpenSslCachingX509KeyManagerFactory(kmf) : kmf);
        }
        return new NodeSsl(build(b), null, providerLabel());
    }

    /** Each node presents its own certificate, {@code identities.apply(node identity)}. */
    static NodeSsl perNode(List<X509Certificate> ca, Function<String, Identity> identities) {
        Map<SSLEngine, String> engines = new ConcurrentHashMap<>();
        SslContextBuilder b = base(ca).keyManager(factory(IdentityKeyManager.perEngine(engines::get, identities)));
        return new NodeSsl(build(b), engines, providerLabel());
    }

    private static SslContextBuilder base(List<X509Certificate> ca) {
        SslContextBuilder b = SslContextBuilder.forClient()
                .sslProvider(OpenSsl.isAvailable() ? SslProvider.OPENSSL : SslProvider.JDK)
                .protocols("TLSv1.3", "TLSv1.2")
                .endpointIdentificationAlgorithm(null)
                .trustManager(new CaChainTrust(ca)); // a Puppet 6+ bundle is trusted whole
        if (OpenSsl.isAvailable()) {
            // A Go (Choria) node's key exchange groups, X25519 first, so one X25519 key share in the ClientHello. Netty's
            // default also offers a post-quantum X25519MLKEM768 share: ~1.2 KB more ClientHello and an ML-KEM key
            // generation per handshake that a Go 1.19-1.22 server ignores (docs/load-performance.md, "TLS provider").
            b.option(OpenSslContextOption.GROUPS, GROUPS);
        }
        return b;
    }

    /** Key exchange groups, in Go's crypto/tls default order. */
    static final String[] GROUPS = {"X25519", "P-256", "P-384", "P-521"};

    private static SslContext build(SslContextBuilder b) {
        try {
            return b.build();
        } catch (SSLException e) {
            throw new IllegalStateException("cannot build the nodes' TLS context: " + e.getMessage(), e);
        }
    }

    private static String providerLabel() {
        return OpenSsl.isAvailable() ? OpenSsl.versionString() + " (netty-tcnative)" : "JDK (" + OpenSsl.unavailabilityCause() + ")";
    }

    /** The TLS library the nodes use, for reports. */
    String provider() {
        return provider;
    }

    /** A fresh engine (own session, full handshake) for one connection of {@code identity}. */
    SslHandler newHandler(ByteBufAllocator alloc, String identity, long handshakeTimeoutMillis) {
        SSLEngine engine = context.newEngine(alloc);
        if (engineIdentity != null) {
            engineIdentity.put(engine, identity);
        }
        SslHandler h = new SslHandler(engine);
        h.setHandshakeTimeoutMillis(handshakeTimeoutMillis);
        if (engineIdentity != null) {
            h.handshakeFuture().addListener(f -> engineIdentity.remove(engine));
        }
        return h;
    }

    private static KeyManagerFactory factory(KeyManager km) {
        return new KeyManagerFactory(new KeyManagerFactorySpi() {
            @Override
            protected void engineInit(KeyStore ks, char[] password) {
            }

            @Override
            protected void engineInit(ManagerFactoryParameters spec) {
            }

            @Override
            protected KeyManager[] engineGetKeyManagers() {
                return new KeyManager[] {km};
            }
        }, null, "mconats-node") {
        };
    }
}
