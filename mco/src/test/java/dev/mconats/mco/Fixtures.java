package dev.mconats.mco;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/** Shared expensive material: key generation is slow, so PKIs are built once per JVM. */
final class Fixtures {
    static final Instant NOW = Instant.ofEpochSecond(Instant.now().getEpochSecond());
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    static final TestPki RSA_PKI = TestPki.create("Puppet CA: test", TestPki.KeyType.RSA_2048);
    static final Signer RSA_CLIENT = RSA_PKI.issueSigner("client.example.net", TestPki.KeyType.RSA_2048);
    static final TestPki EC_PKI = TestPki.create("EC CA", TestPki.KeyType.EC_P256);
    static final Signer EC_CLIENT = EC_PKI.issueSigner("ec-client.example.net", TestPki.KeyType.EC_P256);

    private Fixtures() {
    }

    static Clock at(long epochSecond) {
        return Clock.fixed(Instant.ofEpochSecond(epochSecond), ZoneOffset.UTC);
    }
}
