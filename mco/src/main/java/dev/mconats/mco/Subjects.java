package dev.mconats.mco;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * NATS subject names used by MCollective/Choria. Nodes subscribe without wildcards, so the
 * broker sees one subscription per (collective, agent) pair plus one directed subject per
 * collective; {@link #nodeSubscriptions} reproduces that list exactly.
 */
public final class Subjects {
    private static final HexFormat HEX = HexFormat.of();

    private Subjects() {
    }

    /** {@code <collective>.broadcast.agent.<agent>}: where clients publish requests for every node with that agent. */
    public static String broadcast(String collective, String agent) {
        return requireToken(collective, "collective") + ".broadcast.agent." + requireToken(agent, "agent");
    }

    /** {@code <collective>.node.<identity>}: a directed request; the client publishes one copy per target node. */
    public static String directed(String collective, String identity) {
        return requireToken(collective, "collective") + ".node." + requireToken(identity, "identity", true);
    }

    /**
     * Go-style reply subject {@code <collective>.reply.<md5hex(callerid)>.<requestid>}; the md5 keeps
     * characters of the caller id that are illegal in subjects (like '=') out of the subject.
     */
    public static String reply(String collective, String callerId, String requestId) {
        return requireToken(collective, "collective") + ".reply." + md5Hex(callerId) + "." + requireToken(requestId, "requestId");
    }

    /** Registration data is an ordinary broadcast request to the {@code registration} agent. */
    public static String registration(String collective) {
        return broadcast(collective, "registration");
    }

    /**
     * The exact subscriptions a real node makes: for each collective (in the given order) its directed
     * subject followed by one broadcast subject per agent (in the given order). Size is
     * {@code collectives x (agents + 1)}.
     */
    public static List<String> nodeSubscriptions(List<String> collectives, List<String> agents, String identity) {
        List<String> out = new ArrayList<>(collectives.size() * (agents.size() + 1));
        for (String collective : collectives) {
            out.add(directed(collective, identity));
            for (String agent : agents) {
                out.add(broadcast(collective, agent));
            }
        }
        return List.copyOf(out);
    }

    /** Lower-case hex MD5 of the UTF-8 bytes, as Go's {@code fmt.Sprintf("%x", md5.Sum(...))}. */
    public static String md5Hex(String value) {
        try {
            // A fresh digest is cheap (no provider search after warm-up) and keeps this thread-safe.
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            return HEX.formatHex(md5.digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is a mandatory JDK algorithm", e);
        }
    }

    // Subject tokens must not be empty nor contain separators/wildcards, else a subscription would widen.
    private static String requireToken(String token, String what) {
        return requireToken(token, what, false);
    }

    // Identities are usually FQDNs and appear dotted in subjects exactly like that.
    private static String requireToken(String token, String what, boolean dotsAllowed) {
        if (token == null || token.isEmpty()) {
            throw new IllegalArgumentException(what + " must not be empty");
        }
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if (c == '.' && !dotsAllowed || c == '*' || c == '>' || c <= ' ') {
                throw new IllegalArgumentException(what + " '" + token + "' is not a valid subject token");
            }
        }
        return token;
    }
}
