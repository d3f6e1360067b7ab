package dev.mconats.conformance.probe;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The TLS 1.2 cipher suites the cipher audit asks about, by IANA code point and name: every suite Go's crypto/tls
 * (and so nats-server) can be configured to accept, and the broken families (NULL, EXPORT, anonymous, DES, static
 * Diffie-Hellman) a server behind another TLS stack might still accept. What is wrong with a suite is read from its
 * IANA name, which spells out the key exchange and the cipher.
 */
public final class CipherSuites {
    private static final Map<Integer, String> NAMES = new LinkedHashMap<>();

    static {
        String[] ecdhe = {"ECDSA", "RSA"};
        int[][] ecdheCodes = {
            {0xC02B, 0xC02C, 0xCCA9, 0xC009, 0xC00A, 0xC023, 0xC024, 0xC007, 0xC008, 0xC006},
            {0xC02F, 0xC030, 0xCCA8, 0xC013, 0xC014, 0xC027, 0xC028, 0xC011, 0xC012, 0xC010}};
        String[] ecdheCiphers = {"AES_128_GCM_SHA256", "AES_256_GCM_SHA384", "CHACHA20_POLY1305_SHA256", "AES_128_CBC_SHA",
            "AES_256_CBC_SHA", "AES_128_CBC_SHA256", "AES_256_CBC_SHA384", "RC4_128_SHA", "3DES_EDE_CBC_SHA", "NULL_SHA"};
        for (int k = 0; k < ecdhe.length; k++) {
            for (int i = 0; i < ecdheCiphers.length; i++) {
                NAMES.put(ecdheCodes[k][i], "TLS_ECDHE_" + ecdhe[k] + "_WITH_" + ecdheCiphers[i]);
            }
        }
        put(0x009C, "TLS_RSA_WITH_AES_128_GCM_SHA256");
        put(0x009D, "TLS_RSA_WITH_AES_256_GCM_SHA384");
        put(0x002F, "TLS_RSA_WITH_AES_128_CBC_SHA");
        put(0x0035, "TLS_RSA_WITH_AES_256_CBC_SHA");
        put(0x003C, "TLS_RSA_WITH_AES_128_CBC_SHA256");
        put(0x003D, "TLS_RSA_WITH_AES_256_CBC_SHA256");
        put(0x0005, "TLS_RSA_WITH_RC4_128_SHA");
        put(0x0004, "TLS_RSA_WITH_RC4_128_MD5");
        put(0x000A, "TLS_RSA_WITH_3DES_EDE_CBC_SHA");
        put(0x0009, "TLS_RSA_WITH_DES_CBC_SHA");
        put(0x0001, "TLS_RSA_WITH_NULL_MD5");
        put(0x0002, "TLS_RSA_WITH_NULL_SHA");
        put(0x003B, "TLS_RSA_WITH_NULL_SHA256");
        put(0x0003, "TLS_RSA_EXPORT_WITH_RC4_40_MD5");
        put(0x0008, "TLS_RSA_EXPORT_WITH_DES40_CBC_SHA");
        put(0x009E, "TLS_DHE_RSA_WITH_AES_128_GCM_SHA256");
        put(0x009F, "TLS_DHE_RSA_WITH_AES_256_GCM_SHA384");
        put(0x0033, "TLS_DHE_RSA_WITH_AES_128_CBC_SHA");
        put(0x0015, "TLS_DHE_RSA_WITH_DES_CBC_SHA");
        put(0x0016, "TLS_DHE_RSA_WITH_3DES_EDE_CBC_SHA");
        put(0x0034, "TLS_DH_anon_WITH_AES_128_CBC_SHA");
        put(0x001B, "TLS_DH_anon_WITH_3DES_EDE_CBC_SHA");
        put(0xC018, "TLS_ECDH_anon_WITH_AES_128_CBC_SHA");
        put(0xC004, "TLS_ECDH_ECDSA_WITH_AES_128_CBC_SHA");
        put(0xC00E, "TLS_ECDH_RSA_WITH_AES_128_CBC_SHA");
        put(0x1301, "TLS_AES_128_GCM_SHA256");
        put(0x1302, "TLS_AES_256_GCM_SHA384");
        put(0x1303, "TLS_CHACHA20_POLY1305_SHA256");
    }

    private CipherSuites() {
    }

    private static void put(int code, String name) {
        NAMES.put(code, name);
    }

    /** The IANA name, or the code point in hex for a suite outside the catalogue. */
    public static String name(int code) {
        return NAMES.getOrDefault(code, String.format("0x%04X", code));
    }

    /** The TLS 1.2 suites the audit offers, one ClientHello each. */
    public static List<Integer> tls12() {
        return NAMES.keySet().stream().filter(c -> c < 0x1301 || c > 0x1303).toList();
    }

    /**
     * Why a suite must not be accepted (empty: it may). RFC 9325 (BCP 195) section 4.1: no NULL, RC4 or EXPORT
     * suites, none under 128 bits (DES, 3DES), none without authentication (anon), and key exchange with forward
     * secrecy (ECDHE, DHE), not static RSA key transport or static (EC)DH.
     */
    public static List<String> weaknesses(int code) {
        String n = name(code);
        List<String> out = new ArrayList<>();
        if (n.startsWith("TLS_RSA_")) {
            out.add("no forward secrecy: static RSA key exchange");
        } else if (n.startsWith("TLS_ECDH_ECDSA_") || n.startsWith("TLS_ECDH_RSA_") || n.startsWith("TLS_DH_RSA_")
                || n.startsWith("TLS_DH_DSS_")) {
            out.add("no forward secrecy: static Diffie-Hellman");
        }
        if (n.contains("_anon_")) {
            out.add("anonymous: no server authentication");
        }
        if (n.contains("_NULL_")) {
            out.add("NULL: no encryption");
        }
        if (n.contains("EXPORT")) {
            out.add("EXPORT grade");
        }
        if (n.contains("_RC4_")) {
            out.add("RC4");
        }
        if (n.contains("_3DES_")) {
            out.add("3DES");
        } else if (n.contains("_DES_") || n.contains("_DES40_")) {
            out.add("DES");
        }
        return out;
    }
}
