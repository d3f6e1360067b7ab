package dev.mconats.conformance.probe;

/**
 * How a server answered one probe session (CONNECT, SUB, PUB, PING): it either let the client in (PONG), refused it
 * (-ERR, a TLS alert, a closed connection), or said nothing within the timeout; or the probe never got to ask.
 *
 * @param detail what came back, in one line: "PONG", "-ERR 'Authorization Violation'", "TLS alert: bad_certificate"
 * @param echoed the client's own published message came back, i.e. it could subscribe and publish
 */
public record Exchange(Answer answer, String detail, boolean echoed, long nanos) {
    /** UNREACHABLE: the session never reached the point of asking (no TCP connection, no INFO). */
    public enum Answer { ACCEPTED, REFUSED, SILENT, UNREACHABLE }

    public static Exchange refused(String detail, long nanos) {
        return new Exchange(Answer.REFUSED, detail, false, nanos);
    }

    public static Exchange unreachable(String detail, long nanos) {
        return new Exchange(Answer.UNREACHABLE, detail, false, nanos);
    }

    public boolean accepted() {
        return answer == Answer.ACCEPTED;
    }

    public boolean refused() {
        return answer == Answer.REFUSED;
    }
}
