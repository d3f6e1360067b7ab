package dev.mconats.srv;

/** DNS could not answer at all (server unreachable, timeout, SERVFAIL) — distinct from "no such record". */
public class DnsException extends RuntimeException {
    public DnsException(String message) {
        super(message);
    }
}
