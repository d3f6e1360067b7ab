package dev.mconats.pki;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.function.Function;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * A client key manager that answers every request for a certificate with one known identity: no key store, no alias
 * search by key type or issuer. For a TLS client that has exactly one certificate to present (a simulated node, a
 * load-test client); the server decides whether it accepts it. With {@link #perEngine}, the identity is looked up
 * per TLS engine (one certificate per simulated node). Client side only.
 */
public final class IdentityKeyManager extends X509ExtendedKeyManager {
    private final Function<SSLEngine, String> aliasOf;
    private final Function<String, Identity> identities;

    private IdentityKeyManager(Function<SSLEngine, String> aliasOf, Function<String, Identity> identities) {
        this.aliasOf = aliasOf;
        this.identities = identities;
    }

    /** Always {@code identity}. */
    public static IdentityKeyManager of(Identity identity) {
        return new IdentityKeyManager(engine -> "identity", alias -> identity);
    }

    /** The identity named by {@code aliasOf(engine)}, resolved by {@code identities}. */
    public static IdentityKeyManager perEngine(Function<SSLEngine, String> aliasOf, Function<String, Identity> identities) {
        return new IdentityKeyManager(aliasOf, identities);
    }

    @Override
    public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
        return aliasOf.apply(engine);
    }

    @Override
    public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
        return aliasOf.apply(null);
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        return alias == null ? null : identities.apply(alias).chain();
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        return alias == null ? null : identities.apply(alias).privateKey();
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return null;
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        return null;
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        return null;
    }
}
