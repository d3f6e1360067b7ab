package dev.mconats.conformance.tls;

import dev.mconats.conformance.ConformanceContext;
import dev.mconats.conformance.Sources;

/** tls/not-yet-valid-client-cert-rejected: the cluster's own CA, but valid only from tomorrow. Needs the CA key. */
public final class NotYetValidClientCertRejected extends RefusedClientCheck {
    public NotYetValidClientCertRejected() {
        super("tls/not-yet-valid-client-cert-rejected",
                "A client certificate from the cluster's CA that is not valid yet is refused.",
                Sources.SEED + ": tls { verify: true }; RFC 5280 section 6.1.3 (validity period)");
    }

    @Override
    protected Credential credential(ConformanceContext ctx) {
        return ctx.tls().notYetValidClient()
                .map(id -> Credential.of("a certificate for CN=" + id.commonName() + " from the cluster's CA valid only from "
                        + id.certificate().getNotBefore().toInstant(), java.util.Optional.of(id)))
                .orElse(Credential.unavailable("needs the CA key to mint a not-yet-valid certificate; the target sets no tls.ca-key"));
    }
}
