package dev.mconats.pki;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * The complete fixture PKI for a local deployment: a CA, one server cert per NATS node, the {@code mco} client,
 * node identities, and the deliberately bad material that conformance checks must see refused.
 */
public final class FixturePki {
    /** Names under which material is stored in the Puppet layout. */
    public static final String CLIENT = "mco";
    public static final String NODE = "node.example.net";
    public static final String ROGUE_CA = "rogue-ca";
    public static final String ROGUE_CLIENT = "rogue-client";
    public static final String ROGUE_SERVER = "rogue-server";
    public static final String EXPIRED_CLIENT = "expired-client";
    public static final String NOT_YET_VALID_CLIENT = "notyetvalid-client";
    public static final String WRONG_HOST_SERVER = "wrong-host";
    public static final String WRONG_HOST_NAME = "wrong-host.example.org";

    private final PuppetSslDir dir;
    private final CertificateAuthority ca;

    private FixturePki(PuppetSslDir dir, CertificateAuthority ca) {
        this.dir = dir;
        this.ca = ca;
    }

    public static Builder builder(Path sslDir) {
        return new Builder(new PuppetSslDir(sslDir));
    }

    public PuppetSslDir dir() {
        return dir;
    }

    public CertificateAuthority ca() {
        return ca;
    }

    /** A NATS server of the deployment: its certificate name and the address it listens on. */
    public record Server(String name, String ip) {
    }

    public static final class Builder {
        private final PuppetSslDir dir;
        private KeyType keyType = KeyType.RSA_4096;
        private final List<Server> servers = new ArrayList<>();
        private final List<String> nodes = new ArrayList<>();
        private boolean force;
        private boolean intermediateCa;

        private Builder(PuppetSslDir dir) {
            this.dir = dir;
        }

        public Builder keyType(KeyType type) {
            this.keyType = type;
            return this;
        }

        public Builder server(String name, String ip) {
            servers.add(new Server(name, ip));
            return this;
        }

        /** Extra node identities besides the shared {@link #NODE} identity. */
        public Builder node(String identity) {
            nodes.add(identity);
            return this;
        }

        /**
         * Sign everything with an intermediate CA under a root, as Puppet 6 and later do: {@code certs/ca.pem} then
         * holds the intermediate followed by the root, {@code ca/ca_key.pem} is the intermediate's key and
         * {@code ca/root_key.pem} the root's.
         */
        public Builder intermediateCa(boolean intermediate) {
            this.intermediateCa = intermediate;
            return this;
        }

        /** Replace an existing PKI in the directory; without it, existing material is never overwritten. */
        public Builder force(boolean force) {
            this.force = force;
            return this;
        }

        /** Writes a new PKI. Refuses to touch a directory that already holds a CA unless forced. */
        public FixturePki generate() {
            if (!force && Files.exists(dir.caCert())) {
                throw new PkiException(dir.root() + " already holds a PKI (" + dir.caCert()
                        + "); pass --force to replace it");
            }
            return write();
        }

        /**
         * Reuses a complete PKI already in the directory (re-running {@code local up} must not re-key a
         * deployment), writes a new one if there is none, and refuses a partial one unless forced.
         */
        public FixturePki loadOrGenerate() {
            if (force || !Files.exists(dir.caCert())) {
                return write();
            }
            List<String> missing = expectedNames().stream().filter(n -> !dir.has(n)).toList();
            if (!missing.isEmpty() || !Files.isRegularFile(dir.caKey())) {
                throw new PkiException(dir.root() + " holds an incomplete PKI (missing " + (missing.isEmpty() ? "ca/ca_key.pem" : missing)
                        + "); pass --force to regenerate it");
            }
            return new FixturePki(dir, dir.readCa());
        }

        private List<String> expectedNames() {
            List<String> names = new ArrayList<>();
            servers.forEach(s -> names.add(s.name()));
            names.addAll(List.of(CLIENT, NODE, ROGUE_CLIENT, ROGUE_SERVER, EXPIRED_CLIENT, NOT_YET_VALID_CLIENT, WRONG_HOST_SERVER));
            names.addAll(nodes);
            return names;
        }

        private FixturePki write() {
            // Key generation dominates (RSA-4096 takes about a second a key); spread it over the cores.
            ExecutorService pool = Executors.newFixedThreadPool(Math.max(2, Runtime.getRuntime().availableProcessors()));
            try {
                CompletableFuture<CertificateAuthority> caF = async(pool, () -> intermediateCa
                        ? CertificateAuthority.create("Puppet Root CA: mco-nats-suite", keyType)
                        : CertificateAuthority.create("Puppet CA: mco-nats-suite", keyType));
                CompletableFuture<CertificateAuthority> rogueF = async(pool, () -> CertificateAuthority.create("Rogue CA: not Puppet's", keyType));
                CertificateAuthority root = caF.join();
                CertificateAuthority ca = intermediateCa ? root.intermediate("Puppet CA: mco-nats-suite", keyType) : root;
                CertificateAuthority rogue = rogueF.join();
                Instant now = Instant.now();
                Map<String, CompletableFuture<Identity>> issued = new LinkedHashMap<>();
                for (Server s : servers) {
                    issued.put(s.name(), async(pool, () -> ca.issue(CertificateRequest.server(s.name()).ip(s.ip()).keyType(keyType).build())));
                }
                issued.put(CLIENT, async(pool, () -> ca.issue(CertificateRequest.client(CLIENT).keyType(keyType).build())));
                issued.put(NODE, async(pool, () -> ca.issue(CertificateRequest.client(NODE).keyType(keyType).build())));
                for (String n : nodes) {
                    issued.put(n, async(pool, () -> ca.issue(CertificateRequest.client(n).keyType(keyType).build())));
                }
                issued.put(ROGUE_CLIENT, async(pool, () -> rogue.issue(CertificateRequest.client(CLIENT).keyType(keyType).build())));
                issued.put(ROGUE_SERVER, async(pool, () -> {
                    CertificateRequest.Builder b = CertificateRequest.server(ROGUE_SERVER).keyType(keyType);
                    servers.forEach(s -> b.dns(s.name()).ip(s.ip()));
                    return rogue.issue(b.build());
                }));
                issued.put(EXPIRED_CLIENT, async(pool, () -> ca.issue(CertificateRequest.client(EXPIRED_CLIENT).keyType(keyType)
                        .validity(now.minus(Duration.ofDays(30)), now.minus(Duration.ofDays(1))).build())));
                issued.put(NOT_YET_VALID_CLIENT, async(pool, () -> ca.issue(CertificateRequest.client(NOT_YET_VALID_CLIENT).keyType(keyType)
                        .validity(now.plus(Duration.ofDays(1)), now.plus(Duration.ofDays(30))).build())));
                issued.put(WRONG_HOST_SERVER, async(pool, () -> ca.issue(CertificateRequest.server(WRONG_HOST_NAME).ip("127.0.0.254").keyType(keyType).build())));

                dir.writeCa(ca);
                if (intermediateCa) {
                    Pem.writePrivateKey(dir.rootKey(), root.privateKey());
                }
                Pem.writeCertificates(dir.cert(ROGUE_CA), rogue.certificate());
                Pem.writePrivateKey(dir.extraCaKey(ROGUE_CA), rogue.privateKey());
                issued.forEach((name, f) -> dir.write(name, f.join()));
                return new FixturePki(dir, ca);
            } catch (java.util.concurrent.CompletionException e) {
                throw e.getCause() instanceof PkiException p ? p : new PkiException(Pem.oneLine(e.getCause()), e.getCause());
            } finally {
                pool.shutdownNow();
            }
        }

        private static <T> CompletableFuture<T> async(ExecutorService pool, Supplier<T> s) {
            return CompletableFuture.supplyAsync(s, pool);
        }
    }
}
