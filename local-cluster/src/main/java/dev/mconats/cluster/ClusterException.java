package dev.mconats.cluster;

/** The local deployment cannot start or stop: one line naming the cause (missing binary, port in use, timeout). */
public class ClusterException extends RuntimeException {
    public ClusterException(String message) {
        super(message);
    }

    public ClusterException(String message, Throwable cause) {
        super(message, cause);
    }
}
