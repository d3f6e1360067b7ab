package dev.mconats.conformance.tls;

/** Where the TLS requirements come from. */
final class Sources {
    static final String SEED = "seed guide \"Setting up NATS.io for MCollective\"";

    private Sources() {
    }
}
