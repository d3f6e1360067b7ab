package dev.mconats.pki;

/** A PKI problem worth one clear line to the user (missing file, wrong key, unreadable PEM). */
public class PkiException extends RuntimeException {
    public PkiException(String message) {
        super(message);
    }

    public PkiException(String message, Throwable cause) {
        super(message, cause);
    }
}
