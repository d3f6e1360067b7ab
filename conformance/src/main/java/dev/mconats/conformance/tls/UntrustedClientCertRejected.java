package dev.mconats.conformance.tls;

import dev.mconats.conformance.ConformanceContext;
import dev.mconats.conformance.Sources;
import java.util.Optional;

/** tls/untrusted-client-cert-rejected: a certificate with the right name from the wrong CA gets nowhere. */
public final class UntrustedClientCertRejected extends RefusedClientCheck {
    public UntrustedClientCertRejected() {
        super("tls/untrusted-client-cert-rejected",
                "A client certificate issued by a CA other than the cluster's is refused.",
                Sources.SEED + ": \"MUST be setup using certs sign by the same CA as your Puppet infrastructure\"");
    }

    @Override
    protected Credential credential(ConformanceContext ctx) {
        var id = ctx.tls().untrustedClient();
        return Credential.of("a certificate for CN=" + id.commonName() + " from a CA minted by the suite (not the cluster's)", Optional.of(id));
    }
}
