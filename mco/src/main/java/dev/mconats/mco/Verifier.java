package dev.mconats.mco;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import java.util.Objects;

/**
 * Checks a secure request the way a Choria node does: the {@code pubcert} must be issued (signed) by
 * a trusted CA and be within its validity period, its CN must match the caller id, and the message
 * signature must verify with its public key (SHA256withRSA or SHA256withECDSA by key type).
 *
 * <p>Built for ~20,000 simulated nodes sharing one instance: parsed certificates and the CA-signature
 * outcome are cached by PEM string (negative results too, so a flood of a bad cert costs one parse),
 * and successful signature checks are memoised by signature string, because every node of a
 * broadcast receives byte-identical (message, signature, pubcert) triples. Only the cheap checks
 * that depend on time (validity) are repeated per message. Thread-safe.
 *
 * <p>Every certificate of the CA file is trusted as an issuer, as Go's certificate pool treats every certificate of
 * a {@code ca.pem}: a Puppet 6+ bundle (intermediate, then root) verifies certificates the intermediate signed.
 */
public final class Verifier {
    public static final int DEFAULT_MAX_CERTS = 10_000;
    public static final int DEFAULT_MAX_SIGNATURES = 4_096;

    private final List<X509Certificate> cas;
    private final boolean requireCallerMatchesCert;
    private final BoundedCache<String, CertEntry> certs;
    private final BoundedCache<String, SignatureEntry> signatures;

    /** Trusts {@code ca}, default cache sizes, caller id must equal {@code choria=<cert CN>}. */
    public Verifier(X509Certificate ca) {
        this(List.of(ca), DEFAULT_MAX_CERTS, DEFAULT_MAX_SIGNATURES, true);
    }

    /** Trusts every certificate of a CA file (a single CA, or a Puppet 6+ bundle), default cache sizes. */
    public Verifier(List<X509Certificate> cas) {
        this(cas, DEFAULT_MAX_CERTS, DEFAULT_MAX_SIGNATURES, true);
    }

    public Verifier(X509Certificate ca, int maxCerts, int maxSignatures, boolean requireCallerMatchesCert) {
        this(List.of(ca), maxCerts, maxSignatures, requireCallerMatchesCert);
    }

    /**
     * @param maxCerts                 cap of the PEM -> parsed certificate cache (0 disables caching)
     * @param maxSignatures            cap of the verified-signature memo (0 disables it; every message pays a verify)
     * @param requireCallerMatchesCert false to accept any caller id (Choria's "privileged" certificates may sign for others)
     */
    public Verifier(List<X509Certificate> cas, int maxCerts, int maxSignatures, boolean requireCallerMatchesCert) {
        if (Objects.requireNonNull(cas, "cas").isEmpty()) {
            throw new IllegalArgumentException("no trusted CA certificate");
        }
        this.cas = List.copyOf(cas);
        this.requireCallerMatchesCert = requireCallerMatchesCert;
        this.certs = new BoundedCache<>(maxCerts);
        this.signatures = new BoundedCache<>(maxSignatures);
    }

    /**
     * Verifies a secure request's signature and sender certificate.
     *
     * @param message   the exact signed text (the secure request's {@code message})
     * @param signature base64 signature
     * @param pubcert   sender certificate PEM
     * @param callerId  caller id from the inner request
     * @param now       current unix seconds (for certificate validity)
     * @return the certname (CN) of the verified sender
     */
    public String verify(String message, String signature, String pubcert, String callerId, long now) throws MessageRejected {
        if (message == null || signature == null || pubcert == null) {
            throw new MessageRejected(RejectReason.MALFORMED, "secure request lacks message, signature or pubcert");
        }
        CertEntry cert = trustedCert(pubcert);
        if (now < cert.caNotBefore || now > cert.caNotAfter) {
            throw new MessageRejected(RejectReason.UNTRUSTED_CERT, "trusted CA is outside its validity period");
        }
        if (now < cert.notBefore || now > cert.notAfter) {
            throw new MessageRejected(RejectReason.UNTRUSTED_CERT, "certificate " + cert.certname + " is outside its validity period");
        }
        if (requireCallerMatchesCert && !matchesCaller(callerId, cert.certname)) {
            throw new MessageRejected(RejectReason.UNTRUSTED_CERT,
                    "caller " + callerId + " does not match certificate " + cert.certname);
        }

        SignatureEntry memo = signatures.get(signature);
        if (memo != null && memo.cert == cert && memo.message.equals(message)) {
            return cert.certname; // identical triple already verified: the outcome cannot differ
        }
        byte[] sig;
        try {
            sig = Base64.getMimeDecoder().decode(signature);
        } catch (IllegalArgumentException e) {
            throw new MessageRejected(RejectReason.MALFORMED, "signature is not base64", e);
        }
        if (!signatureValid(cert, message, sig)) {
            throw new MessageRejected(RejectReason.BAD_SIGNATURE, "signature does not verify with the certificate of " + cert.certname);
        }
        signatures.put(signature, new SignatureEntry(message, cert));
        return cert.certname;
    }

    /** The trusted CA certificates. */
    public List<X509Certificate> cas() {
        return cas;
    }

    /** Number of distinct pubcert PEMs currently cached (trusted or not). */
    public int cachedCertificates() {
        return certs.size();
    }

    /** Number of memoised verified signatures. */
    public int cachedSignatures() {
        return signatures.size();
    }

    private CertEntry trustedCert(String pubcert) throws MessageRejected {
        CertEntry entry = certs.get(pubcert);
        if (entry == null) {
            entry = inspect(pubcert);
            certs.put(pubcert, entry);
        }
        if (entry.rejection != null) {
            throw new MessageRejected(entry.rejectReason, entry.rejection);
        }
        return entry;
    }

    // Time-independent checks only, so the result can be cached for as long as the PEM is seen.
    private CertEntry inspect(String pubcert) {
        X509Certificate cert;
        try {
            cert = Pem.certificate(pubcert);
        } catch (CertificateException | RuntimeException e) {
            return CertEntry.rejected(RejectReason.MALFORMED, "pubcert is not a parsable certificate");
        }
        X509Certificate issuer = null;
        for (X509Certificate ca : cas) {
            if (cert.getIssuerX500Principal().equals(ca.getSubjectX500Principal()) && signedBy(cert, ca)) {
                issuer = ca;
                break;
            }
        }
        if (issuer == null) {
            boolean named = cas.stream().anyMatch(ca -> cert.getIssuerX500Principal().equals(ca.getSubjectX500Principal()));
            return CertEntry.rejected(RejectReason.UNTRUSTED_CERT, named ? "certificate is not signed by the trusted CA"
                    : "certificate issuer " + cert.getIssuerX500Principal().getName() + " is not the trusted CA");
        }
        String certname;
        String algorithm;
        try {
            certname = Pem.commonName(cert);
            algorithm = Signer.algorithmFor(cert.getPublicKey().getAlgorithm());
        } catch (IllegalArgumentException e) {
            return CertEntry.rejected(RejectReason.UNTRUSTED_CERT, e.getMessage());
        }
        return new CertEntry(cert.getPublicKey(), algorithm, certname, cert.getNotBefore().getTime() / 1000,
                cert.getNotAfter().getTime() / 1000, issuer.getNotBefore().getTime() / 1000, issuer.getNotAfter().getTime() / 1000, null, null);
    }

    private static boolean signedBy(X509Certificate cert, X509Certificate ca) {
        try {
            cert.verify(ca.getPublicKey());
            return true;
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    private static boolean signatureValid(CertEntry cert, String message, byte[] sig) {
        try {
            Signature verifier = Signature.getInstance(cert.algorithm);
            verifier.initVerify(cert.key);
            verifier.update(message.getBytes(StandardCharsets.UTF_8));
            return verifier.verify(sig);
        } catch (GeneralSecurityException e) {
            return false; // e.g. a DER-garbled ECDSA signature: just a bad signature
        }
    }

    private static boolean matchesCaller(String callerId, String certname) {
        return callerId != null
                && callerId.length() == Protocol.CALLER_PREFIX.length() + certname.length()
                && callerId.startsWith(Protocol.CALLER_PREFIX)
                && callerId.endsWith(certname);
    }

    private record CertEntry(PublicKey key, String algorithm, String certname, long notBefore, long notAfter,
                             long caNotBefore, long caNotAfter, RejectReason rejectReason, String rejection) {
        static CertEntry rejected(RejectReason reason, String why) {
            return new CertEntry(null, null, null, 0, 0, 0, 0, reason, why);
        }
    }

    private record SignatureEntry(String message, CertEntry cert) {
    }
}
