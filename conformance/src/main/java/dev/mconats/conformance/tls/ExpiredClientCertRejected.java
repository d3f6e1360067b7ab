package dev.mconats.conformance.tls;

import dev.mconats.conformance.ConformanceContext;
import dev.mconats.conformance.Sources;

/** tls/expired-client-cert-rejected: the cluster's own CA, but past its validity. Needs the CA key to mint. */
public final class ExpiredClientCertRejected extends RefusedClientCheck {
    public ExpiredClientCertRejected() {
        super("tls/expired-client-cert-rejected",
                "A client certificate from the cluster's CA that has expired is refused.",
                Sources.SEED + ": tls { verify: true }; RFC 5280 section 6.1.3 (validity period)");
    }

    @Override
    protected Credential credential(ConformanceContext ctx) {
        return ctx.tls().expiredClient()
                .map(id -> Credential.of("a certificate for CN=" + id.commonName() + " from the cluster's CA that expired on "
                        + id.certificate().getNotAfter().toInstant(), java.util.Optional.of(id)))
                .orElse(Credential.unavailable("needs the CA key to mint an expired certificate; the target sets no tls.ca-key"));
    }
}
