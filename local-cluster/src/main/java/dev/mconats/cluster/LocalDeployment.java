package dev.mconats.cluster;

import java.util.Optional;
import java.net.URI;
import java.net.InetSocketAddress;
import dev.mconats.targetmodel.TargetKeys;
import dev.mconats.pki.FixturePki;
import dev.mconats.pki.KeyType;
import dev.mconats.targetmodel.Target;
import dev.mconats.targetmodel.TargetFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * One deployment as the seed describes it: a cluster of nats-server nodes, its PKI, and DNS serving
 * {@code _mcollective-server._tcp.<domain>} plus A records, and the target file that describes it all.
 */
public final class LocalDeployment implements AutoCloseable {
    private final LocalCluster cluster;
    private final DnsFixture dns;
    private final FixturePki pki;
    private final Path targetFile;
    private final String domain;

    private LocalDeployment(LocalCluster cluster, DnsFixture dns, FixturePki pki, Path targetFile, String domain) {
        this.cluster = cluster;
        this.dns = dns;
        this.pki = pki;
        this.targetFile = targetFile;
        this.domain = domain;
    }

    public static Builder builder(Path dir) {
        return new Builder(dir);
    }

    public LocalCluster cluster() {
        return cluster;
    }

    public DnsFixture dns() {
        return dns;
    }

    public FixturePki pki() {
        return pki;
    }

    public Path targetFile() {
        return targetFile;
    }

    public String domain() {
        return domain;
    }

    public Target target() {
        return TargetFile.load(targetFile);
    }

    public void detach() {
        cluster.detach();
        dns.detach();
    }

    @Override
    public void close() {
        try {
            cluster.close();
        } finally {
            dns.close();
        }
    }

    public static final class Builder {
        private final Path dir;
        private String domain = "example.net";
        private int size = 1;
        private String addressPrefix = "127.0.0.";
        private int dnsPort = 15353;
        private FixturePki pki;
        private KeyType keyType = KeyType.RSA_4096;
        private final List<UnaryOperator<LocalCluster.Builder>> clusterChanges = new ArrayList<>();
        private UnaryOperator<List<DnsFixture.Srv>> srvChange = UnaryOperator.identity();
        private final List<DnsFixture.Host> extraHosts = new ArrayList<>();
        private final List<String> failingNames = new ArrayList<>();
        private long expectedFleetSize = 1000;
        private boolean intermediateCa;

        private Builder(Path dir) {
            this.dir = dir.toAbsolutePath();
        }

        public Builder domain(String d) {
            this.domain = d;
            return this;
        }

        public Builder size(int n) {
            this.size = n;
            return this;
        }

        /** Node i listens on {@code <prefix>(10+i)}, DNS on {@code <prefix>2}. */
        public Builder addressPrefix(String prefix) {
            this.addressPrefix = prefix;
            return this;
        }

        public Builder dnsPort(int port) {
            this.dnsPort = port;
            return this;
        }

        /** Use an existing PKI (it must hold a server cert per node name); otherwise one is made in {@code dir/ssl}. */
        public Builder pki(FixturePki p) {
            this.pki = p;
            return this;
        }

        public Builder keyType(KeyType k) {
            this.keyType = k;
            return this;
        }

        public Builder override(int index, UnaryOperator<NodeConfig> change) {
            clusterChanges.add(b -> b.override(index, change));
            return this;
        }

        /** How the nodes run (default: the nats-server binary as local processes). */
        public Builder launcher(ServerLauncher launcher) {
            clusterChanges.add(b -> b.launcher(launcher));
            return this;
        }

        public Builder cluster(UnaryOperator<LocalCluster.Builder> change) {
            clusterChanges.add(change);
            return this;
        }

        /** Change the SRV records the DNS serves (default: one {@code 0 0 4222} record per node, as in the seed). */
        public Builder srv(UnaryOperator<List<DnsFixture.Srv>> change) {
            this.srvChange = change;
            return this;
        }

        /** Sign with an intermediate CA under a root, as Puppet 6+ does ({@code ca.pem} holds both). */
        public Builder intermediateCa(boolean intermediate) {
            this.intermediateCa = intermediate;
            return this;
        }

        /** A name whose DNS lookups fail with a server error, e.g. {@code _x-puppet-mcollective._tcp.<domain>}. */
        public Builder dnsFailure(String name) {
            failingNames.add(name);
            return this;
        }

        public Builder extraHost(String name, String address) {
            extraHosts.add(new DnsFixture.Host(name, address));
            return this;
        }

        public Builder expectedFleetSize(long n) {
            this.expectedFleetSize = n;
            return this;
        }

        public List<String> nodeNames() {
            List<String> names = new ArrayList<>();
            for (int i = 1; i <= size; i++) {
                names.add("nats" + i + "." + domain);
            }
            return names;
        }

        public String nodeAddress(int i) {
            return addressPrefix + (10 + i);
        }

        public LocalDeployment start() {
            FixturePki p = pki;
            if (p == null) {
                FixturePki.Builder b = FixturePki.builder(dir.resolve("ssl")).keyType(keyType).intermediateCa(intermediateCa);
                for (int i = 1; i <= size; i++) {
                    b.server(nodeNames().get(i - 1), nodeAddress(i));
                }
                p = b.loadOrGenerate();
            }
            LocalCluster.Builder cb = LocalCluster.builder(dir.resolve("cluster"), p.dir()).seedLayout(size, domain, addressPrefix);
            for (UnaryOperator<LocalCluster.Builder> c : clusterChanges) {
                cb = c.apply(cb);
            }
            List<NodeConfig> configs = cb.configs();
            List<DnsFixture.Srv> srv = srvChange.apply(DnsFixture.srvFor(domain, configs));
            List<DnsFixture.Host> hosts = new ArrayList<>();
            configs.forEach(c -> hosts.add(new DnsFixture.Host(c.name(), c.address())));
            hosts.addAll(extraHosts);
            String dnsAddress = addressPrefix + "2";
            DnsFixture dns = DnsFixture.start(dir.resolve("dns"), dnsAddress, dnsPort, Set.of(domain), srv, hosts, failingNames);
            LocalCluster cluster;
            try {
                cluster = cb.start();
            } catch (RuntimeException e) {
                dns.close();
                throw e;
            }
            Path target = dir.resolve("target.conf");
            try {
                Target.builder()
                        .set(TargetKeys.NAME, dir.getFileName() + " (" + size + " node" + (size == 1 ? "" : "s") + ", local)")
                        .set(TargetKeys.SRV_DOMAIN, domain)
                        .set(TargetKeys.SRV_DNS_SERVER, Optional.of(new InetSocketAddress(dnsAddress, dnsPort)))
                        .set(TargetKeys.MONITOR, configs.stream().map(NodeConfig::monitorUrl).map(URI::create).toList())
                        .set(TargetKeys.TLS_CA, p.dir().caCert()).set(TargetKeys.TLS_CERT, p.dir().cert(FixturePki.CLIENT))
                        .set(TargetKeys.TLS_KEY, p.dir().privateKey(FixturePki.CLIENT))
                        .set(TargetKeys.TLS_CA_KEY, Optional.of(p.dir().caKey()))
                        .set(TargetKeys.CLUSTER_EXPECTED_SIZE, Optional.of(size)).set(TargetKeys.CLUSTER_PROBE_ROUTES, true)
                        .set(TargetKeys.CLUSTER_ROUTE_USER, LocalCluster.ROUTE_USER)
                        .set(TargetKeys.EXPECTED_FLEET_SIZE, expectedFleetSize)
                        .build().write(target);
            } catch (RuntimeException e) {
                cluster.close();
                dns.close();
                throw e;
            }
            return new LocalDeployment(cluster, dns, p, target, domain);
        }
    }
}
