package dev.mconats.mco;

/** Why a received message was refused; one value per check a real node performs. */
public enum RejectReason {
    /** Not JSON, bad base64, missing/invalid fields. */
    MALFORMED,
    /** Request signature does not verify against the pubcert, or a reply's hash does not match. */
    BAD_SIGNATURE,
    /** pubcert does not chain to the trusted CA, is outside its validity, or does not match the caller id. */
    UNTRUSTED_CERT,
    /** Request {@code time} is more than {@code ttl} seconds away from now (either direction). */
    EXPIRED_TTL,
    /** A {@code protocol} field at some nesting level is not the v1 value expected there. */
    WRONG_PROTOCOL
}
