package dev.mconats.conformance.tls;

import dev.mconats.conformance.ConformanceContext;
import dev.mconats.conformance.Evidence;
import dev.mconats.conformance.Node;
import dev.mconats.conformance.NodeCheck;
import dev.mconats.conformance.Sources;
import dev.mconats.conformance.Verdict;
import dev.mconats.conformance.probe.CapturingTrustManager;
import dev.mconats.conformance.probe.CutOff;
import dev.mconats.conformance.probe.HandshakeGate;
import dev.mconats.conformance.probe.RawNats;
import dev.mconats.conformance.probe.ServerNames;
import dev.mconats.pki.Pem;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.cert.CertPathBuilder;
import java.security.cert.CertStore;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.PKIXCertPathBuilderResult;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CertSelector;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECKey;
import java.security.interfaces.RSAKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.net.ssl.SSLSession;

/**
 * tls/server-cert-valid: the certificate a server presents chains to the target's CA (a PKIX path built as Go
 * builds it, at this moment), allows server authentication, and covers the name the client used. WARN when it
 * expires within the warning window.
 */
public final class ServerCertValid extends NodeCheck {
    private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
    private static final String ANY_EKU = "2.5.29.37.0";

    public ServerCertValid() {
        super("tls/server-cert-valid",
                "Each server's certificate chains to the configured CA, covers the name clients use, and is valid now.",
                Sources.SEED + ": server certs \"sign by the same CA as your Puppet infrastructure\"; RFC 6125 section 6.4 (name check)");
    }

    @Override
    protected Verdict check(ConformanceContext ctx, Node node) {
        Evidence ev = new Evidence();
        if (!node.info().offersTls()) {
            return Verdict.fail("no certificate to check: the client port offers no TLS", ev);
        }
        CapturingTrustManager capture = new CapturingTrustManager();
        for (int attempt = 1; attempt <= CutOff.ATTEMPTS && capture.chain().isEmpty(); attempt++) {
            try (HandshakeGate.Permit slot = ctx.handshakeSlot();
                 RawNats c = RawNats.open(node.endpoint(), ctx.settings().connectTimeout(), ev)) {
                c.readInfo(ctx.settings().answerTimeout());
                SSLSession session = c.startTls(ctx.tls().probe(Optional.of(ctx.tls().client()), capture), node.host(), null,
                        ctx.settings().answerTimeout());
                ev.note("negotiated " + session.getProtocol() + " " + session.getCipherSuite());
                break;
            } catch (IOException e) {
                String why = RawNats.tlsProblem(e);
                if (capture.chain().isEmpty() && (attempt >= CutOff.ATTEMPTS || !CutOff.is(why))) {
                    return Verdict.fail("no certificate received: " + why, ev);
                }
                ev.note(capture.chain().isEmpty() ? "cut off before the certificate (" + why + "): attempt " + (attempt + 1)
                        : "handshake did not complete (" + why + "), judging the certificate it presented");
            }
        }
        List<X509Certificate> chain = capture.chain();
        if (chain.isEmpty()) {
            return Verdict.fail("the server presented no certificate", ev);
        }
        X509Certificate cert = chain.get(0);
        describe(cert, chain.size(), ev);

        Instant now = Instant.now();
        List<String> problems = new ArrayList<>();
        chainProblem(chain, ctx.tls().cas(), now, ev).ifPresent(problems::add);
        if (!ServerNames.covers(cert, node.host())) {
            problems.add("does not cover " + node.host() + " (SANs " + ServerNames.sans(cert) + ")");
        }
        if (now.isBefore(cert.getNotBefore().toInstant())) {
            problems.add("not valid before " + cert.getNotBefore().toInstant());
        }
        if (now.isAfter(cert.getNotAfter().toInstant())) {
            problems.add("expired on " + cert.getNotAfter().toInstant());
        }
        ekuProblem(cert).ifPresent(problems::add);
        if (!problems.isEmpty()) {
            return Verdict.fail("certificate CN=" + Pem.commonName(cert) + " " + String.join("; ", problems), ev);
        }
        long daysLeft = Duration.between(now, cert.getNotAfter().toInstant()).toDays();
        int warnDays = ctx.target().expiryWarningDays();
        String summary = "chains to " + Pem.commonName(ctx.tls().cas().get(0)) + ", covers " + node.host() + ", valid until "
                + cert.getNotAfter().toInstant() + " (" + daysLeft + " days)";
        if (daysLeft < warnDays) {
            return Verdict.warn("expires in " + daysLeft + " days, within tls.expiry-warning-days = " + warnDays + ": " + summary, ev);
        }
        return Verdict.pass(summary, ev);
    }

    private static void describe(X509Certificate cert, int chainLength, Evidence ev) {
        ev.received("certificate subject " + cert.getSubjectX500Principal().getName());
        ev.received("issuer " + cert.getIssuerX500Principal().getName());
        ev.received("SANs " + ServerNames.sans(cert));
        ev.received("valid " + cert.getNotBefore().toInstant() + " .. " + cert.getNotAfter().toInstant());
        ev.received("serial " + cert.getSerialNumber().toString(16) + ", " + cert.getSigAlgName() + ", key " + keyDescription(cert)
                + ", chain of " + chainLength);
    }

    static String keyDescription(X509Certificate cert) {
        if (cert.getPublicKey() instanceof RSAKey rsa) {
            return "RSA-" + rsa.getModulus().bitLength();
        }
        if (cert.getPublicKey() instanceof ECKey ec) {
            return "EC-" + ec.getParams().getCurve().getField().getFieldSize();
        }
        return cert.getPublicKey().getAlgorithm();
    }

    /**
     * Builds a PKIX path from the leaf to one of the target's CA certificates, as Go's x509 Verify does: the first
     * certificate sent is the leaf, the others are candidate intermediates in any order (extra or misordered ones do
     * not matter), every certificate of the CA file is a trust anchor. Revocation off (Puppet CRLs are not in reach).
     */
    static Optional<String> chainProblem(List<X509Certificate> chain, List<X509Certificate> cas, Instant at, Evidence ev) {
        X509Certificate leaf = chain.get(0);
        try {
            Set<TrustAnchor> anchors = new HashSet<>();
            for (X509Certificate ca : cas) {
                anchors.add(new TrustAnchor(ca, null));
            }
            X509CertSelector target = new X509CertSelector();
            target.setCertificate(leaf);
            PKIXBuilderParameters params = new PKIXBuilderParameters(anchors, target);
            params.setRevocationEnabled(false);
            params.setDate(Date.from(at));
            params.addCertStore(CertStore.getInstance("Collection", new CollectionCertStoreParameters(chain)));
            PKIXCertPathBuilderResult built = (PKIXCertPathBuilderResult) CertPathBuilder.getInstance("PKIX").build(params);
            List<String> path = new ArrayList<>();
            built.getCertPath().getCertificates().forEach(c -> path.add(Pem.commonName((X509Certificate) c)));
            path.add(Pem.commonName(built.getTrustAnchor().getTrustedCert()) + " (the target's CA)");
            ev.note("path built: " + String.join(" <- ", path) + (chain.size() > built.getCertPath().getCertificates().size()
                    ? "; " + (chain.size() - built.getCertPath().getCertificates().size()) + " certificate(s) sent but not needed" : ""));
            return Optional.empty();
        } catch (GeneralSecurityException e) {
            String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return Optional.of("does not chain to the target's CA (no path from the leaf, issuer " + leaf.getIssuerX500Principal().getName()
                    + ", through the " + (chain.size() - 1) + " other certificate(s) sent: " + m.replace('\n', ' ') + ")");
        }
    }

    private static Optional<String> ekuProblem(X509Certificate cert) {
        try {
            List<String> eku = cert.getExtendedKeyUsage();
            if (eku == null || eku.contains(SERVER_AUTH) || eku.contains(ANY_EKU)) {
                return Optional.empty();
            }
            return Optional.of("does not allow server authentication (extended key usage " + eku + ")");
        } catch (java.security.cert.CertificateParsingException e) {
            return Optional.of("has an unreadable extended key usage");
        }
    }
}
