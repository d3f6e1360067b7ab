package dev.mconats.pki;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Locale;

/** Key algorithms the fixtures can issue. RSA-4096 is Puppet's default; EC P-256 keeps big simulated fleets cheap. */
public enum KeyType {
    RSA_2048("rsa-2048"),
    RSA_4096("rsa-4096"),
    EC_P256("ec-p256");

    private final String id;

    KeyType(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public boolean isRsa() {
        return this != EC_P256;
    }

    /** JCA signature algorithm used when a key of this type signs a certificate. */
    public String signatureAlgorithm() {
        return isRsa() ? "SHA256withRSA" : "SHA256withECDSA";
    }

    public KeyPair generate() {
        try {
            return switch (this) {
                case RSA_2048 -> rsa(2048);
                case RSA_4096 -> rsa(4096);
                case EC_P256 -> {
                    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
                    g.initialize(new ECGenParameterSpec("secp256r1"));
                    yield g.generateKeyPair();
                }
            };
        } catch (GeneralSecurityException e) {
            throw new PkiException("cannot generate " + id + " key: " + e.getMessage(), e);
        }
    }

    private static KeyPair rsa(int bits) throws GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(bits);
        return g.generateKeyPair();
    }

    /** Accepts "rsa-4096", "RSA_4096", "ec-p256", "ec" and "p256". */
    public static KeyType parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        for (KeyType k : values()) {
            if (k.id.equals(t)) {
                return k;
            }
        }
        if (t.equals("ec") || t.equals("p256") || t.equals("ecdsa")) {
            return EC_P256;
        }
        throw new IllegalArgumentException("unknown key type '" + text + "' (expected rsa-2048, rsa-4096 or ec-p256)");
    }

    @Override
    public String toString() {
        return id;
    }
}
