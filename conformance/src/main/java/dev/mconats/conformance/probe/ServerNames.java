package dev.mconats.conformance.probe;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * Does a server certificate cover the name the client used? RFC 6125 section 6.4: DNS names match DNS-ID SANs
 * (case-insensitive, a wildcard only as the whole left-most label, matching exactly one label); IP literals match
 * IP SANs. The subject CN is ignored, as Go clients (Choria) have done since Go 1.15. jnats checks no names at all.
 */
public final class ServerNames {
    private static final int DNS = 2;
    private static final int IP = 7;

    private ServerNames() {
    }

    /** The subject alternative names, as "DNS:name" / "IP:address". */
    public static List<String> sans(X509Certificate cert) {
        List<String> out = new ArrayList<>();
        for (List<?> san : altNames(cert)) {
            int type = (Integer) san.get(0);
            if (type == DNS) {
                out.add("DNS:" + san.get(1));
            } else if (type == IP) {
                out.add("IP:" + san.get(1));
            }
        }
        return out;
    }

    public static boolean covers(X509Certificate cert, String host) {
        boolean literal = isIpLiteral(host);
        for (List<?> san : altNames(cert)) {
            int type = (Integer) san.get(0);
            String value = String.valueOf(san.get(1));
            if (literal && type == IP && sameAddress(value, host)) {
                return true;
            }
            if (!literal && type == DNS && dnsMatches(value, host)) {
                return true;
            }
        }
        return false;
    }

    static boolean dnsMatches(String pattern, String host) {
        String p = stripDot(pattern).toLowerCase(Locale.ROOT);
        String h = stripDot(host).toLowerCase(Locale.ROOT);
        if (!p.startsWith("*.")) {
            return p.equals(h);
        }
        int dot = h.indexOf('.');
        // "*.example.net" covers "a.example.net" but neither "example.net" nor "a.b.example.net".
        return dot > 0 && h.substring(dot).equals(p.substring(1));
    }

    public static boolean isIpLiteral(String host) {
        return host.matches("[0-9]{1,3}(\\.[0-9]{1,3}){3}") || host.contains(":");
    }

    private static boolean sameAddress(String a, String b) {
        try {
            return InetAddress.getByName(a).equals(InetAddress.getByName(b));
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static String stripDot(String s) {
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }

    private static Collection<List<?>> altNames(X509Certificate cert) {
        try {
            Collection<List<?>> names = cert.getSubjectAlternativeNames();
            return names == null ? List.of() : names;
        } catch (CertificateParsingException e) {
            return List.of();
        }
    }
}
