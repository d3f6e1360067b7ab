package dev.mconats.targetmodel;

/** A target that cannot be used as written: the message names the key (or server) and the problem in one line. */
public class TargetException extends RuntimeException {
    public TargetException(String message) {
        super(message);
    }

    public TargetException(String message, Throwable cause) {
        super(message, cause);
    }
}
