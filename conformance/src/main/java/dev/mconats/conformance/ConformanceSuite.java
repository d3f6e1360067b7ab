package dev.mconats.conformance;

import dev.mconats.conformance.monitor.Limits;
import dev.mconats.conformance.routes.ClientGossip;
import dev.mconats.conformance.routes.CrossDelivery;
import dev.mconats.conformance.routes.FullMesh;
import dev.mconats.conformance.routes.TlsAndAuthRequired;
import dev.mconats.conformance.srv.RecordsPresent;
import dev.mconats.conformance.srv.LoadSpread;
import dev.mconats.conformance.srv.TargetsMatchCluster;
import dev.mconats.conformance.tls.CipherSuitesAudit;
import dev.mconats.conformance.tls.ExpiredClientCertRejected;
import dev.mconats.conformance.tls.HandshakeTimeout;
import dev.mconats.conformance.tls.LegacyProtocolsRefused;
import dev.mconats.conformance.tls.NoClientCertRejected;
import dev.mconats.conformance.tls.NotYetValidClientCertRejected;
import dev.mconats.conformance.tls.PlaintextRejected;
import dev.mconats.conformance.tls.ServerCertValid;
import dev.mconats.conformance.tls.TrustedClientWorks;
import dev.mconats.conformance.tls.UntrustedClientCertRejected;
import dev.mconats.targetmodel.Target;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The registry of checks, in report order, and the runner. Checks run side by side (each mostly waits on the
 * network); a check that breaks reports FAIL for itself and never stops the others.
 */
public final class ConformanceSuite {
    private final List<Check> checks;

    public ConformanceSuite(List<Check> checks) {
        Set<String> ids = new LinkedHashSet<>();
        for (Check c : checks) {
            if (!ids.add(c.id())) {
                throw new IllegalArgumentException("duplicate check id " + c.id());
            }
        }
        this.checks = List.copyOf(checks);
    }

    /** Every check, in the order of the reports. */
    public static ConformanceSuite standard() {
        return new ConformanceSuite(List.of(
                new PlaintextRejected(),
                new NoClientCertRejected(),
                new UntrustedClientCertRejected(),
                new ExpiredClientCertRejected(),
                new NotYetValidClientCertRejected(),
                new ServerCertValid(),
                new LegacyProtocolsRefused(),
                new CipherSuitesAudit(),
                new HandshakeTimeout(),
                new TrustedClientWorks(),
                new RecordsPresent(),
                new TargetsMatchCluster(),
                new LoadSpread(),
                new FullMesh(),
                new CrossDelivery(),
                new TlsAndAuthRequired(),
                new ClientGossip(),
                new Limits()));
    }

    public List<Check> checks() {
        return checks;
    }

    /**
     * Keeps the checks whose ID equals a filter or starts with it as a prefix ({@code tls}, {@code tls/},
     * {@code tls/plaintext-rejected}). A filter that matches nothing is a user error naming the known IDs.
     */
    public ConformanceSuite only(List<String> filters) {
        if (filters.isEmpty()) {
            return this;
        }
        List<Check> kept = new ArrayList<>();
        for (String raw : filters) {
            String f = raw.strip();
            List<Check> match = checks.stream().filter(c -> matches(c, f)).toList();
            if (match.isEmpty()) {
                throw new IllegalArgumentException("--only '" + raw + "' matches no check; IDs are "
                        + checks.stream().map(Check::id).toList());
            }
            match.stream().filter(c -> !kept.contains(c)).forEach(kept::add);
        }
        kept.sort((a, b) -> Integer.compare(checks.indexOf(a), checks.indexOf(b)));
        return new ConformanceSuite(kept);
    }

    private static boolean matches(Check c, String filter) {
        if (filter.isEmpty()) {
            return false;
        }
        String prefix = filter.endsWith("/") ? filter : filter + "/";
        return c.id().equals(filter) || c.id().startsWith(prefix);
    }

    /** Prepares the context (or throws {@link TargetUnreachableException}) and runs every check. */
    public SuiteResult run(Target target, Settings settings) {
        Instant started = Instant.now();
        long t0 = System.nanoTime();
        try (ConformanceContext ctx = ConformanceContext.prepare(target, settings)) {
            List<SuiteResult.CheckRun> runs = Parallel.map(checks, c -> run(c, ctx));
            return new SuiteResult(target.name(), target.file().map(Object::toString).orElse(""), ctx.discovery().describe(),
                    servers(ctx), started, Duration.ofNanos(System.nanoTime() - t0), runs, settings.strict());
        }
    }

    private static SuiteResult.CheckRun run(Check c, ConformanceContext ctx) {
        long t0 = System.nanoTime();
        List<CheckResult> results;
        try {
            results = c.run(ctx);
        } catch (RuntimeException e) {
            String m = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            results = List.of(new CheckResult(c.id(), CheckResult.CLUSTER, Status.FAIL, "the check could not complete: " + m, List.of(),
                    Duration.ofNanos(System.nanoTime() - t0)));
        }
        return new SuiteResult.CheckRun(c.id(), c.requirement(), c.source(), Status.worst(results.stream().map(CheckResult::status).toList()),
                results, Duration.ofNanos(System.nanoTime() - t0));
    }

    private static List<String> servers(ConformanceContext ctx) {
        List<String> out = new ArrayList<>();
        for (ServerReach r : ctx.reach()) {
            if (r.node().isPresent()) {
                Node n = r.node().get();
                out.add(n.label() + " = " + ClusterView.endpoint(n) + ": nats-server " + n.info().version() + " " + n.info().serverName()
                        + " (" + n.info().serverId() + ")" + (n.info().tlsRequired() ? ", TLS required" : ", no TLS required")
                        + (n.info().tlsVerify() ? ", client certificates verified" : "")
                        + n.monitor().map(m -> ", monitor " + m).orElse(", no monitor: " + n.monitorProblem()));
            } else {
                out.add(r.address() + ": " + r.problem() + " (left out of the per-node checks; see srv/records-present)");
            }
        }
        return out;
    }
}
