package dev.mconats.pki;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Puppet's SSL directory layout: {@code certs/ca.pem}, {@code certs/<name>.pem}, {@code private_keys/<name>.pem},
 * and the CA key under {@code ca/ca_key.pem} as on a Puppet CA server.
 */
public record PuppetSslDir(Path root) {
    public PuppetSslDir {
        root = root.toAbsolutePath().normalize();
    }

    public Path caCert() {
        return cert("ca");
    }

    public Path caKey() {
        return root.resolve("ca").resolve("ca_key.pem");
    }

    /** Key of the root CA when the signing CA is an intermediate (Puppet 6+ keeps it as {@code ca/root_key.pem}). */
    public Path rootKey() {
        return root.resolve("ca").resolve("root_key.pem");
    }

    public Path cert(String name) {
        return root.resolve("certs").resolve(name + ".pem");
    }

    public Path privateKey(String name) {
        return root.resolve("private_keys").resolve(name + ".pem");
    }

    /** Key of a CA other than the main one (the rogue CA), kept beside Puppet's own CA key. */
    public Path extraCaKey(String name) {
        return root.resolve("ca").resolve(name + "_key.pem");
    }

    public boolean has(String name) {
        return Files.isRegularFile(cert(name)) && Files.isRegularFile(privateKey(name));
    }

    public void write(String name, Identity identity) {
        Pem.writePrivateKey(privateKey(name), identity.privateKey());
        Pem.writeCertificates(cert(name), identity.certificate());
    }

    public Identity read(String name) {
        Path certFile = cert(name);
        Path keyFile = privateKey(name);
        var cert = Pem.readCertificate(certFile);
        var key = Pem.readPrivateKey(keyFile);
        if (!Pem.matches(cert, key)) {
            throw new PkiException("private key " + keyFile + " does not match certificate " + certFile);
        }
        return new Identity(cert, key, java.util.List.of());
    }

    public void writeCa(CertificateAuthority ca) {
        Pem.writePrivateKey(caKey(), ca.privateKey());
        Pem.writeCertificates(caCert(), ca.chain().toArray(java.security.cert.X509Certificate[]::new));
    }

    public CertificateAuthority readCa() {
        return CertificateAuthority.load(caCert(), caKey());
    }
}
