package dev.mconats.fleet;

import dev.mconats.mco.Signer;
import dev.mconats.pki.CertificateAuthority;
import dev.mconats.pki.CertificateRequest;
import dev.mconats.pki.Identity;
import dev.mconats.pki.IdentityKeyManager;
import dev.mconats.pki.KeyType;
import dev.mconats.pki.Pem;
import dev.mconats.pki.PkiException;
import dev.mconats.pki.SslContexts;
import dev.mconats.targetmodel.Target;
import dev.mconats.targetmodel.TargetException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.interfaces.RSAKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Optional;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;

/**
 * TLS material of a simulated fleet and its clients. The nodes share one TLS client context ({@link NodeSsl}:
 * BoringSSL where it loads) and each connection gets its own engine that never resumes a session, so every node pays
 * a full handshake as a real node (a separate process) does. The few clients use the JDK's TLS through jnats.
 *
 * <p>The node certificate is, in this order: the files given explicitly, the {@code node.example.net} identity next
 * to the target's client certificate in a Puppet SSL layout (what the fixture PKI provides), else the client
 * certificate itself. With per-node certificates, each node gets its own certificate for its identity, signed by
 * the target's CA key over the shared node key pair (only the CA signature is paid per node).
 */
public final class FleetTls {
    /** The shared node identity the fixture PKI issues. */
    public static final String FIXTURE_NODE = "node.example.net";

    private final List<X509Certificate> ca;
    private final TrustManager[] trust;
    private final Identity node;
    private final Identity client;
    private final KeyManager[] clientKeys;
    private final Optional<CertificateAuthority> perNodeIssuer;
    private final String nodeCertSource;
    private final Map<String, Identity> perNode = new ConcurrentHashMap<>();
    private volatile NodeSsl nodeSsl;

    private FleetTls(List<X509Certificate> ca, Identity node, String nodeCertSource, Identity client,
                     Optional<CertificateAuthority> perNodeIssuer) {
        this.ca = ca;
        this.trust = SslContexts.trustManagers(ca);
        this.node = node;
        this.client = client;
        // no PKCS12 key store: it would encrypt the key with 10,000 PBKDF2 rounds at every start, for nothing
        this.clientKeys = new KeyManager[] {IdentityKeyManager.of(client)};
        this.perNodeIssuer = perNodeIssuer;
        this.nodeCertSource = nodeCertSource;
    }

    /**
     * @param nodeCert     explicit node certificate (PEM), with {@code nodeKey}
     * @param perNodeCerts one certificate per node identity; needs the target's {@code tls.ca-key}
     */
    public static FleetTls of(Target target, Optional<Path> nodeCert, Optional<Path> nodeKey, boolean perNodeCerts) {
        List<X509Certificate> ca = target.tls().trustedCas(); // a Puppet 6+ bundle is trusted whole
        Identity client = read(target.tls().cert(), target.tls().key());
        Identity node;
        String source;
        if (nodeCert.isPresent() != nodeKey.isPresent()) {
            throw new TargetException("node certificate and node key must be given together");
        }
        if (nodeCert.isPresent()) {
            node = read(nodeCert.get(), nodeKey.get());
            source = nodeCert.get().toString();
        } else {
            Path certs = target.tls().cert().getParent();
            Path sibling = certs.resolve(FIXTURE_NODE + ".pem");
            Path siblingKey = certs.resolveSibling("private_keys").resolve(FIXTURE_NODE + ".pem");
            if (Files.isRegularFile(sibling) && Files.isRegularFile(siblingKey)) {
                node = read(sibling, siblingKey);
                source = sibling.toString();
            } else {
                node = client;
                source = target.tls().cert() + " (the client certificate; no " + FIXTURE_NODE + " beside it)";
            }
        }
        Optional<CertificateAuthority> issuer = Optional.empty();
        if (perNodeCerts) {
            Path caKey = target.tls().caKey().orElseThrow(() ->
                    new TargetException("target.tls.ca-key: required for per-node certificates"));
            issuer = Optional.of(CertificateAuthority.load(target.tls().ca(), caKey));
            source = "one certificate per node, signed by " + target.tls().ca() + " over the key of " + source;
        }
        return new FleetTls(ca, node, source, client, issuer);
    }

    /** Material made in-process for work that must not touch the run's PKI or servers (the connect warm-up). */
    static FleetTls throwaway(List<X509Certificate> ca, Identity node) {
        return new FleetTls(ca, node, "throw-away", node, Optional.empty());
    }

    private static Identity read(Path cert, Path key) {
        Identity id = new Identity(Pem.readCertificate(cert), Pem.readPrivateKey(key), List.of());
        if (!Pem.matches(id.certificate(), id.privateKey())) {
            throw new PkiException("private key " + key + " does not match certificate " + cert);
        }
        return id;
    }

    /** The nodes' TLS context, built once (shared by sibling fleets over the same material). */
    NodeSsl nodeSsl() {
        NodeSsl n = nodeSsl;
        if (n == null) {
            synchronized (this) {
                n = nodeSsl;
                if (n == null) {
                    n = perNodeIssuer.isEmpty() ? NodeSsl.shared(ca, node) : NodeSsl.perNode(ca, this::ownIdentity);
                    nodeSsl = n;
                }
            }
        }
        return n;
    }

    // Issued once per node identity: the CA signature is the only per-node cost.
    private Identity ownIdentity(String identity) {
        return perNode.computeIfAbsent(identity, id -> perNodeIssuer.orElseThrow().issue(
                CertificateRequest.client(id).keyType(keyTypeOf(node)).build(),
                new KeyPair(node.certificate().getPublicKey(), node.privateKey())));
    }

    /** The TLS library the nodes handshake with, for reports. */
    public String nodeTlsProvider() {
        return nodeSsl().provider();
    }

    public SSLContext clientContext() {
        return SslContexts.context(clientKeys, trust);
    }

    /** Signs the clients' requests: the target's client certificate (caller id {@code choria=<its CN>}). */
    public Signer clientSigner() {
        return new Signer(client.privateKey(), client.certificate());
    }

    /** Signs registration messages of the nodes. */
    public Signer nodeSigner() {
        return new Signer(node.privateKey(), node.certificate());
    }

    /** The trusted CA certificates (every certificate of the target's CA file). */
    public List<X509Certificate> ca() {
        return ca;
    }

    /** The key algorithm of node certificates, for reports: "rsa-2048", "rsa-4096" or "ec-p256". */
    public String nodeKeyType() {
        return keyTypeOf(node).id();
    }

    public String nodeCertSource() {
        return nodeCertSource;
    }

    private static KeyType keyTypeOf(Identity id) {
        if (id.certificate().getPublicKey() instanceof RSAKey rsa) {
            return rsa.getModulus().bitLength() > 2048 ? KeyType.RSA_4096 : KeyType.RSA_2048;
        }
        return KeyType.EC_P256;
    }
}
