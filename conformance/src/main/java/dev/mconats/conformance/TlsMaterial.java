package dev.mconats.conformance;

import dev.mconats.conformance.probe.CapturingTrustManager;
import dev.mconats.conformance.probe.FixedKeyManager;
import dev.mconats.conformance.probe.StrictTrustManager;
import dev.mconats.pki.CertificateAuthority;
import dev.mconats.pki.CertificateRequest;
import dev.mconats.pki.Identity;
import dev.mconats.pki.KeyType;
import dev.mconats.pki.Pem;
import dev.mconats.pki.PkiException;
import dev.mconats.pki.SslContexts;
import dev.mconats.targetmodel.TlsFiles;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The TLS material of a run: the target's CA certificates (one CA, or a Puppet 6+ bundle: every certificate of the
 * file is trusted, as Go's certificate pool does), client identity and optional CA key, and the certificates minted
 * for the refusal probes. Minted keys are EC P-256 whatever the fleet uses: the server judges the issuer and the validity
 * period, not the key type, and P-256 keys cost microseconds instead of a second.
 */
public final class TlsMaterial {
    private final List<X509Certificate> cas;
    private final Identity client;
    private final Optional<CertificateAuthority> ca;
    private final X509ExtendedTrustManager chainTrust;
    private final Supplier<Identity> untrusted;
    private final Supplier<Optional<Identity>> expired;
    private final Supplier<Optional<Identity>> notYetValid;

    private TlsMaterial(List<X509Certificate> cas, Identity client, Optional<CertificateAuthority> ca) {
        this.cas = cas;
        this.client = client;
        this.ca = ca;
        this.chainTrust = (X509ExtendedTrustManager) SslContexts.trustManagers(cas)[0];
        Instant now = Instant.now();
        this.untrusted = memo(() -> CertificateAuthority.create("mco-nats-suite probe CA (not the cluster's)", KeyType.EC_P256)
                .issue(CertificateRequest.client(client.commonName()).keyType(KeyType.EC_P256).build()));
        this.expired = memo(() -> ca.map(c -> c.issue(CertificateRequest.client(client.commonName()).keyType(KeyType.EC_P256)
                .validity(now.minus(Duration.ofDays(30)), now.minus(Duration.ofDays(1))).build())));
        this.notYetValid = memo(() -> ca.map(c -> c.issue(CertificateRequest.client(client.commonName()).keyType(KeyType.EC_P256)
                .validity(now.plus(Duration.ofDays(1)), now.plus(Duration.ofDays(30))).build())));
    }

    /** Reads the target's PEM files; a missing file or a key that does not match its certificate is a PkiException. */
    public static TlsMaterial load(TlsFiles files) {
        List<X509Certificate> cas = files.trustedCas();
        Identity client = files.clientIdentity();
        if (!Pem.matches(client.certificate(), client.privateKey())) {
            throw new PkiException("target.tls.key: " + files.key() + " does not match the certificate " + files.cert());
        }
        return new TlsMaterial(cas, client, files.certificateAuthority());
    }

    public List<X509Certificate> cas() {
        return cas;
    }

    public Identity client() {
        return client;
    }

    public Optional<CertificateAuthority> ca() {
        return ca;
    }

    /** A client certificate with the trusted client's name, issued by a CA made up on the spot. */
    public Identity untrustedClient() {
        return untrusted.get();
    }

    /** The trusted client's name, signed by the cluster's CA, expired yesterday; empty without the CA key. */
    public Optional<Identity> expiredClient() {
        return expired.get();
    }

    /** The trusted client's name, signed by the cluster's CA, valid only from tomorrow; empty without the CA key. */
    public Optional<Identity> notYetValidClient() {
        return notYetValid.get();
    }

    /**
     * A probe context: presents {@code identity} (or no certificate) no matter which CAs the server asks for, and
     * accepts any server certificate, recording it in {@code trust}.
     */
    public SSLContext probe(Optional<Identity> identity, CapturingTrustManager trust) {
        KeyManager[] keys = identity.map(i -> new KeyManager[] {new FixedKeyManager(i)}).orElse(null);
        return SslContexts.context(keys, new TrustManager[] {trust});
    }

    /** What an MCollective node uses: its certificate, trust in the Puppet CA only, and the server name checked. */
    public SSLContext strict(String expectedHost) {
        return SslContexts.context(SslContexts.keyManagers(client), new TrustManager[] {new StrictTrustManager(chainTrust, expectedHost)});
    }

    private static <T> Supplier<T> memo(Supplier<T> s) {
        return new Supplier<>() {
            private T value;

            @Override
            public synchronized T get() {
                if (value == null) {
                    value = s.get();
                }
                return value;
            }
        };
    }
}
