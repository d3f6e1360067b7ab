package dev.mconats.cluster;

import dev.mconats.srv.Dns;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * An authoritative DNS for the fixture zones: dnsmasq on a loopback high port, never touching the system resolver.
 * Serves the SRV and A records it is given and NXDOMAIN for every other name in its zones.
 */
public final class DnsFixture implements AutoCloseable {
    /** One SRV record: {@code service} is the full owner name, e.g. {@code _mcollective-server._tcp.example.net}. */
    public record Srv(String service, String target, int port, int priority, int weight) {
    }

    public record Host(String name, String address) {
    }

    private final ManagedProcess process;
    private final InetSocketAddress address;
    private final Path dir;

    private DnsFixture(ManagedProcess process, InetSocketAddress address, Path dir) {
        this.process = process;
        this.address = address;
        this.dir = dir;
    }

    public static DnsFixture start(Path dir, String listenAddress, int port, Set<String> zones, List<Srv> srv, List<Host> hosts) {
        return start(dir, listenAddress, port, zones, srv, hosts, List.of());
    }

    /**
     * @param failing names whose lookups fail: dnsmasq answers REFUSED instead of records or NXDOMAIN (it is told to
     *                forward them, with no upstream to forward to), as a broken delegation would
     */
    public static DnsFixture start(Path dir, String listenAddress, int port, Set<String> zones, List<Srv> srv, List<Host> hosts,
                                   List<String> failing) {
        Path conf = dir.resolve("dnsmasq.conf");
        Path pid = dir.resolve("dnsmasq.pid");
        Ports.requireFree(listenAddress, port, "DNS fixture");
        try {
            Files.createDirectories(dir);
            Files.writeString(conf, render(listenAddress, port, zones, srv, hosts, failing));
        } catch (IOException e) {
            throw new ClusterException("cannot write " + conf + ": " + e.getMessage(), e);
        }
        ManagedProcess p = ManagedProcess.start("dnsmasq", List.of(Executables.dnsmasq().toString(),
                "--keep-in-foreground", "--conf-file=" + conf), dir.resolve("dnsmasq.log"), pid, conf.toString());
        ProcessRegistry.register(p);
        DnsFixture f = new DnsFixture(p, new InetSocketAddress(listenAddress, port), dir);
        try {
            f.awaitAnswer(hosts.isEmpty() ? Optional.empty() : Optional.of(hosts.get(0).name()), Duration.ofSeconds(10));
        } catch (RuntimeException e) {
            f.close();
            throw e;
        }
        return f;
    }

    static String render(String listenAddress, int port, Set<String> zones, List<Srv> srv, List<Host> hosts, List<String> failing) {
        StringBuilder b = new StringBuilder();
        b.append("# DNS fixture of mco-nats-suite: answers only for its own zones, never forwards\n");
        b.append("no-resolv\nno-hosts\nno-poll\nbind-interfaces\n");
        b.append("listen-address=").append(listenAddress).append('\n');
        b.append("port=").append(port).append('\n');
        b.append("local-ttl=30\n");
        Set<String> z = new LinkedHashSet<>(zones);
        for (String zone : z) {
            b.append("local=/").append(zone).append("/\n");
        }
        for (Srv s : srv) {
            b.append("srv-host=").append(s.service()).append(',').append(s.target()).append(',').append(s.port())
                    .append(',').append(s.priority()).append(',').append(s.weight()).append('\n');
        }
        for (Host h : hosts) {
            b.append("host-record=").append(h.name()).append(',').append(h.address()).append('\n');
        }
        for (String name : failing) {
            b.append("server=/").append(name).append("/#\n"); // "the usual upstreams": none under no-resolv, so REFUSED

        }
        return b.toString();
    }

    private void awaitAnswer(Optional<String> probeName, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Dns dns = Dns.using(Optional.of(address));
        RuntimeException last = null;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new ClusterException("dnsmasq exited at start: " + LogTail.of(dir.resolve("dnsmasq.log")));
            }
            try {
                dns.addresses(probeName.orElse("probe.invalid"));
                return;
            } catch (RuntimeException e) {
                last = e;
            }
            sleep(100);
        }
        throw new ClusterException("DNS fixture on " + address + " did not answer within " + timeout.toSeconds() + " s"
                + (last == null ? "" : ": " + last.getMessage()));
    }

    public InetSocketAddress address() {
        return address;
    }

    public RunningServer process() {
        return process;
    }

    /** Leave dnsmasq running after this JVM exits (the {@code local up} case). */
    public void detach() {
        ProcessRegistry.unregister(process);
    }

    @Override
    public void close() {
        process.stop();
        ProcessRegistry.unregister(process);
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClusterException("interrupted");
        }
    }

    static List<Srv> srvFor(String domain, List<NodeConfig> nodes) {
        List<Srv> out = new ArrayList<>();
        for (NodeConfig n : nodes) {
            out.add(new Srv("_mcollective-server._tcp." + domain, n.name(), n.clientPort(), 0, 0));
        }
        return out;
    }
}
