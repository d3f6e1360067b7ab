package dev.mconats.pki;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What to put in a certificate. Built fluently, like jnats' Options.Builder:
 * {@code CertificateRequest.server("nats1.example.net").ip("127.0.0.11").build()}.
 */
public record CertificateRequest(
        String commonName,
        Usage usage,
        List<String> dnsNames,
        List<String> ipAddresses,
        KeyType keyType,
        Instant notBefore,
        Instant notAfter) {

    /** TLS roles; nats-server demands clientAuth on client certs and serverAuth on its own. */
    public enum Usage { SERVER, CLIENT, SERVER_AND_CLIENT }

    public CertificateRequest {
        Objects.requireNonNull(commonName, "commonName");
        dnsNames = List.copyOf(dnsNames);
        ipAddresses = List.copyOf(ipAddresses);
        if (!notAfter.isAfter(notBefore)) {
            throw new IllegalArgumentException("notAfter must be after notBefore for " + commonName);
        }
    }

    public static Builder server(String name) {
        // Route connections authenticate with the same cert in both directions, so servers get both usages.
        return new Builder(name, Usage.SERVER_AND_CLIENT).dns(name);
    }

    public static Builder client(String name) {
        return new Builder(name, Usage.CLIENT);
    }

    public static final class Builder {
        private final String commonName;
        private final Usage usage;
        private final List<String> dns = new ArrayList<>();
        private final List<String> ips = new ArrayList<>();
        private KeyType keyType = KeyType.RSA_4096;
        private Instant notBefore = Instant.now().minus(Duration.ofDays(1));
        private Instant notAfter = Instant.now().plus(Duration.ofDays(5 * 365));

        private Builder(String commonName, Usage usage) {
            this.commonName = commonName;
            this.usage = usage;
        }

        public Builder dns(String name) {
            dns.add(name);
            return this;
        }

        public Builder ip(String address) {
            ips.add(address);
            return this;
        }

        public Builder keyType(KeyType type) {
            this.keyType = type;
            return this;
        }

        public Builder validity(Instant from, Instant until) {
            this.notBefore = from;
            this.notAfter = until;
            return this;
        }

        public CertificateRequest build() {
            return new CertificateRequest(commonName, usage, dns, ips, keyType, notBefore, notAfter);
        }
    }
}
