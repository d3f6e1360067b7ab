package dev.mconats.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECKey;
import java.security.interfaces.RSAKey;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FixturePkiTest {
    @TempDir
    static Path tmp;
    static FixturePki pki;
    static PuppetSslDir dir;

    @BeforeAll
    static void generate() {
        pki = FixturePki.builder(tmp.resolve("ssl")).keyType(KeyType.EC_P256)
                .server("nats1.example.net", "127.0.0.11")
                .server("nats2.example.net", "127.0.0.12")
                .node("node1.example.net")
                .generate();
        dir = pki.dir();
    }

    @Test
    void layoutIsPuppets() {
        assertThat(dir.caCert()).isEqualTo(tmp.resolve("ssl/certs/ca.pem"));
        assertThat(dir.caKey()).isEqualTo(tmp.resolve("ssl/ca/ca_key.pem"));
        for (String name : List.of("nats1.example.net", "nats2.example.net", FixturePki.CLIENT, FixturePki.NODE,
                "node1.example.net", FixturePki.ROGUE_CLIENT, FixturePki.ROGUE_SERVER, FixturePki.EXPIRED_CLIENT,
                FixturePki.NOT_YET_VALID_CLIENT, FixturePki.WRONG_HOST_SERVER)) {
            assertThat(tmp.resolve("ssl/certs/" + name + ".pem")).isRegularFile();
            assertThat(tmp.resolve("ssl/private_keys/" + name + ".pem")).isRegularFile();
        }
        assertThat(tmp.resolve("ssl/certs/rogue-ca.pem")).isRegularFile();
    }

    @Test
    void privateKeysAreOwnerOnly() throws Exception {
        try (var files = Files.list(tmp.resolve("ssl/private_keys"))) {
            for (Path key : files.toList()) {
                assertThat(Files.getPosixFilePermissions(key))
                        .as(key.toString())
                        .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
            }
        }
        assertThat(Files.getPosixFilePermissions(dir.caKey()))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    }

    @Test
    void goodCertsChainToTheCaWithTheJdkValidator() throws Exception {
        X509Certificate ca = Pem.readCertificate(dir.caCert());
        for (String name : List.of("nats1.example.net", FixturePki.CLIENT, FixturePki.NODE, "node1.example.net", FixturePki.WRONG_HOST_SERVER)) {
            validate(Pem.readCertificate(dir.cert(name)), ca);
        }
    }

    @Test
    void rogueMaterialDoesNotChainToTheCa() {
        X509Certificate ca = Pem.readCertificate(dir.caCert());
        for (String name : List.of(FixturePki.ROGUE_CLIENT, FixturePki.ROGUE_SERVER)) {
            assertThatThrownBy(() -> validate(Pem.readCertificate(dir.cert(name)), ca))
                    .as(name).isInstanceOf(CertPathValidatorException.class);
        }
        // ...but it does chain to the rogue CA, so it is well-formed material, just untrusted.
        X509Certificate rogue = Pem.readCertificate(dir.cert(FixturePki.ROGUE_CA));
        assertThatCode(() -> validate(Pem.readCertificate(dir.cert(FixturePki.ROGUE_CLIENT)), rogue));
    }

    private static void assertThatCode(ThrowingRunnable r) {
        try {
            r.run();
        } catch (Exception e) {
            throw new AssertionError("expected no exception", e);
        }
    }

    interface ThrowingRunnable {
        void run() throws Exception;
    }

    @Test
    void validityWindows() {
        X509Certificate expired = Pem.readCertificate(dir.cert(FixturePki.EXPIRED_CLIENT));
        X509Certificate future = Pem.readCertificate(dir.cert(FixturePki.NOT_YET_VALID_CLIENT));
        X509Certificate good = Pem.readCertificate(dir.cert(FixturePki.CLIENT));
        assertThatThrownBy(expired::checkValidity).isInstanceOf(CertificateExpiredException.class);
        assertThatThrownBy(future::checkValidity).isInstanceOf(CertificateNotYetValidException.class);
        assertThatCode(good::checkValidity);
    }

    @Test
    void serverSansCarryNameAndAddress() throws Exception {
        X509Certificate s = Pem.readCertificate(dir.cert("nats1.example.net"));
        assertThat(sans(s)).containsExactlyInAnyOrder("2:nats1.example.net", "7:127.0.0.11");
        assertThat(s.getExtendedKeyUsage()).contains("1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2");
        X509Certificate wrong = Pem.readCertificate(dir.cert(FixturePki.WRONG_HOST_SERVER));
        assertThat(sans(wrong)).containsExactlyInAnyOrder("2:" + FixturePki.WRONG_HOST_NAME, "7:127.0.0.254");
        X509Certificate rogue = Pem.readCertificate(dir.cert(FixturePki.ROGUE_SERVER));
        assertThat(sans(rogue)).contains("2:nats1.example.net", "2:nats2.example.net", "7:127.0.0.11", "7:127.0.0.12");
        X509Certificate client = Pem.readCertificate(dir.cert(FixturePki.CLIENT));
        assertThat(client.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.2");
        assertThat(Pem.commonName(client)).isEqualTo("mco");
    }

    @Test
    void keysMatchTheirCertificates() {
        Identity node = dir.read(FixturePki.NODE);
        assertThat(node.privateKey()).isInstanceOf(ECKey.class);
        assertThat(Pem.matches(node.certificate(), node.privateKey())).isTrue();
        Identity client = dir.read(FixturePki.CLIENT);
        assertThat(Pem.matches(node.certificate(), client.privateKey())).isFalse();
    }

    @Test
    void refusesToOverwriteWithoutForce() {
        assertThatThrownBy(() -> FixturePki.builder(dir.root()).keyType(KeyType.EC_P256).generate())
                .isInstanceOf(PkiException.class)
                .hasMessageContaining("already holds a PKI").hasMessageContaining("--force");
    }

    @Test
    void loadOrGenerateReusesTheExistingCa() throws Exception {
        byte[] before = Files.readAllBytes(dir.caCert());
        FixturePki again = FixturePki.builder(dir.root()).keyType(KeyType.EC_P256)
                .server("nats1.example.net", "127.0.0.11").loadOrGenerate();
        assertThat(Files.readAllBytes(dir.caCert())).isEqualTo(before);
        assertThat(again.ca().certificate()).isEqualTo(pki.ca().certificate());
    }

    @Test
    void forceReplacesAndRsaIsSupported() {
        Path other = tmp.resolve("rsa");
        FixturePki first = FixturePki.builder(other).keyType(KeyType.RSA_2048).server("nats1.example.net", "127.0.0.11").generate();
        FixturePki second = FixturePki.builder(other).keyType(KeyType.RSA_2048).server("nats1.example.net", "127.0.0.11").force(true).generate();
        assertThat(second.ca().certificate()).isNotEqualTo(first.ca().certificate());
        assertThat(((RSAKey) second.dir().read(FixturePki.CLIENT).privateKey()).getModulus().bitLength()).isEqualTo(2048);
        assertThat(Pem.readCertificate(second.dir().cert(FixturePki.CLIENT)).getSigAlgName()).isEqualToIgnoringCase("SHA256withRSA");
    }

    @Test
    void anIntermediateCaSignsEverythingAndCaPemHoldsTheBundleIntermediateFirst() throws Exception {
        FixturePki p = FixturePki.builder(tmp.resolve("intermediate")).keyType(KeyType.EC_P256)
                .server("nats1.example.net", "127.0.0.11").intermediateCa(true).generate();
        List<X509Certificate> bundle = Pem.readCertificates(p.dir().caCert());
        assertThat(bundle).hasSize(2);
        assertThat(Pem.commonName(bundle.get(0))).isEqualTo("Puppet CA: mco-nats-suite");
        assertThat(Pem.commonName(bundle.get(1))).isEqualTo("Puppet Root CA: mco-nats-suite");
        assertThat(bundle.get(0).getBasicConstraints()).isZero(); // may sign end entities only
        bundle.get(0).verify(bundle.get(1).getPublicKey());
        assertThat(p.dir().rootKey()).isRegularFile();
        X509Certificate server = Pem.readCertificate(p.dir().cert("nats1.example.net"));
        assertThat(server.getIssuerX500Principal()).isEqualTo(bundle.get(0).getSubjectX500Principal());
        validate(server, bundle.get(0));
        // the CA loads back whole from the bundle and its key; what it issues carries the chain up to the root
        CertificateAuthority again = p.dir().readCa();
        assertThat(again.chain()).isEqualTo(bundle);
        Identity minted = again.issue(CertificateRequest.client("x").keyType(KeyType.EC_P256).build());
        assertThat(minted.chain()).containsExactly(minted.certificate(), bundle.get(0), bundle.get(1));
        assertThatThrownBy(() -> validate(server, bundle.get(1))).as("a path of one certificate does not reach the root")
                .isInstanceOf(CertPathValidatorException.class);
        // read root first, the bundle still loads: the key finds its certificate, the chain follows the issuers
        Pem.writeCertificates(p.dir().caCert(), bundle.get(1), bundle.get(0));
        assertThat(p.dir().readCa().chain()).isEqualTo(bundle);
    }

    @Test
    void clearErrorsForMissingAndMismatchedFiles() throws Exception {
        assertThatThrownBy(() -> Pem.readCertificate(tmp.resolve("nope.pem")))
                .isInstanceOf(PkiException.class).hasMessage("certificate file not found: " + tmp.resolve("nope.pem"));
        assertThatThrownBy(() -> SslContexts.mutual(dir.caCert(), dir.cert(FixturePki.CLIENT), dir.privateKey(FixturePki.NODE)))
                .isInstanceOf(PkiException.class).hasMessageContaining("does not match certificate");
        Path garbage = Files.writeString(tmp.resolve("garbage.pem"), "not a pem");
        assertThatThrownBy(() -> Pem.readPrivateKey(garbage)).isInstanceOf(PkiException.class).hasMessageContaining("no private key in");
    }

    private static void validate(X509Certificate leaf, X509Certificate anchor) throws Exception {
        CertificateFactory cf = CertificateFactory.getInstance("X.509");
        PKIXParameters params = new PKIXParameters(Set.of(new TrustAnchor(anchor, null)));
        params.setRevocationEnabled(false);
        CertPathValidator.getInstance("PKIX").validate(cf.generateCertPath(List.of(leaf)), params);
    }

    private static List<String> sans(X509Certificate c) throws Exception {
        return c.getSubjectAlternativeNames().stream().map(l -> l.get(0) + ":" + l.get(1)).toList();
    }
}
