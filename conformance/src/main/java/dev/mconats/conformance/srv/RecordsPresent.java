package dev.mconats.conformance.srv;

import dev.mconats.conformance.BaseCheck;
import dev.mconats.conformance.CheckResult;
import dev.mconats.conformance.ConformanceContext;
import dev.mconats.conformance.Discovery;
import dev.mconats.conformance.Evidence;
import dev.mconats.conformance.Node;
import dev.mconats.conformance.Parallel;
import dev.mconats.conformance.ServerReach;
import dev.mconats.conformance.Sources;
import dev.mconats.conformance.Verdict;
import dev.mconats.srv.SrvRecord;
import dev.mconats.targetmodel.SrvSettings;
import java.util.ArrayList;
import java.util.List;

/**
 * srv/records-present: the SRV record set exists (one result for the cluster), and every server it names (or the
 * target lists) resolves, listens, and speaks NATS over TLS to the trusted client (one result per server).
 */
public final class RecordsPresent extends BaseCheck {
    public RecordsPresent() {
        super("srv/records-present",
                "_mcollective-server._tcp.<domain> exists (_x-puppet-mcollective._tcp is reported too); every target resolves, "
                        + "listens, and speaks NATS over TLS.",
                Sources.SEED + ": SRV records _mcollective-server._tcp.example.net; lookup order _mcollective-server._tcp, "
                        + "_x-puppet-mcollective._tcp, puppet:4222 (go-choria choria/framework.go MiddlewareServers, "
                        + "https://choria.io/docs/deployment/dns/); RFC 2782");
    }

    @Override
    public List<CheckResult> run(ConformanceContext ctx) {
        List<CheckResult> out = new ArrayList<>();
        long t0 = System.nanoTime();
        try {
            out.add(result(CheckResult.CLUSTER, recordSet(ctx), t0));
        } catch (RuntimeException e) {
            out.add(crashed(CheckResult.CLUSTER, e, t0));
        }
        out.addAll(Parallel.map(ctx.reach(), r -> {
            long t1 = System.nanoTime();
            try {
                return result(r.address().toString(), server(ctx, r), t1);
            } catch (RuntimeException e) {
                return crashed(r.address().toString(), e, t1);
            }
        }));
        return out;
    }

    private static Verdict recordSet(ConformanceContext ctx) {
        Evidence ev = new Evidence();
        Discovery d = ctx.discovery();
        if (d.srv().isEmpty()) {
            ev.note(d.describe());
            return Verdict.skip("the target names no srv.domain; " + (d.source() == Discovery.Source.EXPLICIT
                    ? "its servers are listed explicitly" : "nodes would use puppet:4222"), ev);
        }
        SrvSettings s = d.srv().get();
        ev.sent("SRV " + s.serviceName() + " and " + s.legacyServiceName() + " via " + d.dnsServer());
        if (!d.dnsProblem().isEmpty()) {
            ev.received(d.dnsProblem());
            return Verdict.fail("the DNS lookup failed: " + d.dnsProblem(), ev);
        }
        records(ev, s.serviceName(), d.primary());
        if (d.dnsNotes().isEmpty()) {
            records(ev, s.legacyServiceName(), d.legacy());
        }
        d.dnsNotes().forEach(ev::received);
        ev.note(d.describe());
        if (!d.primary().isEmpty()) {
            return Verdict.pass(d.primary().size() + " record(s) for " + s.serviceName()
                    + (d.legacy().isEmpty() ? "" : ", and " + d.legacy().size() + " legacy " + s.legacyServiceName() + " record(s)"), ev);
        }
        if (!d.legacy().isEmpty()) {
            return Verdict.warn("only the legacy name " + s.legacyServiceName() + " has records (" + d.legacy().size()
                    + "); nodes still find them, but " + s.serviceName() + " is the current name", ev);
        }
        return Verdict.fail("no SRV records for " + s.serviceName() + " nor " + s.legacyServiceName() + "; nodes fall back to "
                + (d.source() == Discovery.Source.EXPLICIT ? "their configured server list" : "puppet:4222"), ev);
    }

    private static void records(Evidence ev, String name, List<SrvRecord> records) {
        if (records.isEmpty()) {
            ev.received(name + ": no records");
        }
        for (SrvRecord r : records) {
            ev.received(name + ". SRV " + r.priority() + " " + r.weight() + " " + r.port() + " " + r.target() + ".");
        }
    }

    private static Verdict server(ConformanceContext ctx, ServerReach r) {
        Evidence ev = new Evidence().addAll(r.evidence());
        if (r.node().isEmpty()) {
            return Verdict.fail(r.address() + " " + r.problem(), ev);
        }
        Node node = r.node().get();
        String what = "resolves to " + node.endpoint().getAddress().getHostAddress() + ", nats-server " + node.info().version();
        if (!node.info().offersTls()) {
            return Verdict.fail(what + ", but speaks NATS without TLS (INFO has no tls_required)", ev);
        }
        ConformanceContext.Control control = ctx.control(node);
        ev.addAll(control.evidence());
        if (!control.exchange().accepted()) {
            return Verdict.fail(what + ", but the trusted TLS client is not let in: " + control.exchange().detail(), ev);
        }
        return Verdict.pass(what + ", TLS with the trusted client certificate, CONNECT/SUB/PUB/PING answered in "
                + Evidence.ms(control.exchange().nanos()), ev);
    }
}
