package dev.mconats.conformance.probe;

import dev.mconats.pki.Identity;
import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * Always presents one identity. The JDK's key managers only offer a certificate whose issuer is in the server's
 * list of acceptable CAs, so a certificate from another CA would silently not be sent, and a probe meant to show
 * that an untrusted certificate is refused would test "no certificate" instead.
 */
public final class FixedKeyManager extends X509ExtendedKeyManager {
    private static final String ALIAS = "probe";
    private final Identity identity;

    public FixedKeyManager(Identity identity) {
        this.identity = identity;
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return new String[] {ALIAS};
    }

    @Override
    public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
        return ALIAS;
    }

    @Override
    public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
        return ALIAS;
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        return new String[0];
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        return null;
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        return identity.chain();
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        return identity.privateKey();
    }
}
