package dev.mconats.conformance;

/** Where requirements come from, named once so that every check cites it alike. */
public final class Sources {
    /** "Setting up NATS.io for MCollective", the deployment the suite tests: a public guide in choria-io/puppet-mcollective. */
    public static final String SEED = "seed guide (choria-io/puppet-mcollective NATS.md)";

    private Sources() {
    }
}
