package dev.mconats.reports;

/** A report cannot be built for a reason the user can fix; the message is one line naming it. */
public final class ReportException extends RuntimeException {
    public ReportException(String message) {
        super(message);
    }

    public ReportException(String message, Throwable cause) {
        super(message, cause);
    }
}
