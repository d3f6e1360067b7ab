package dev.mconats.conformance.probe;

import java.util.List;
import java.util.Locale;

/**
 * Tells a server that said no (a TLS alert, a certificate verdict, -ERR) from a session that was merely cut off
 * (closed, reset, timed out, "remote host terminated the handshake"). On a heavily loaded machine a handshake can
 * outlast the server's TLS timeout; such a cut-off is retried, a refusal never is.
 */
public final class CutOff {
    /** Attempts for a session that is cut off, the first one included. */
    public static final int ATTEMPTS = 3;

    private static final List<String> SAID_NO = List.of("alert", "pkix", "certificate", "authorization", "-err", "does not cover");
    private static final List<String> CUT = List.of("terminated", "broken pipe", "reset", "closed", "timed out", "timeout", "eof",
            "no answer");

    private CutOff() {
    }

    public static boolean is(String detail) {
        String d = detail.toLowerCase(Locale.ROOT);
        return SAID_NO.stream().noneMatch(d::contains) && CUT.stream().anyMatch(d::contains);
    }

    /** True for a probe session that should be tried again. */
    public static boolean is(Exchange x) {
        return switch (x.answer()) {
            case ACCEPTED -> false;
            case SILENT, UNREACHABLE -> true;
            case REFUSED -> x.detail().startsWith("TLS handshake failed") && is(x.detail());
        };
    }
}
