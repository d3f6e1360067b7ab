package dev.mconats.conformance.tls;

import dev.mconats.conformance.ConformanceContext;
import dev.mconats.conformance.Sources;
import java.util.Optional;

/** tls/no-client-cert-rejected: TLS alone is not enough, the client must prove who it is. */
public final class NoClientCertRejected extends RefusedClientCheck {
    public NoClientCertRejected() {
        super("tls/no-client-cert-rejected",
                "A TLS client that presents no client certificate is refused.",
                Sources.SEED + ": tls { verify: true }, \"verified SSL is a requirement for MCollective\"");
    }

    @Override
    protected Credential credential(ConformanceContext ctx) {
        return Credential.of("no client certificate", Optional.empty());
    }
}
