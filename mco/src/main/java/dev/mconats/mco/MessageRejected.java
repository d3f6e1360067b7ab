package dev.mconats.mco;

import java.util.Objects;

/**
 * A received message failed a check. Thrown without a stack trace: in load tests rejections can be
 * frequent by design (e.g. expired-TTL scenarios) and the reason plus message say all that matters.
 */
public final class MessageRejected extends Exception {
    private final RejectReason reason;

    public MessageRejected(RejectReason reason, String message) {
        this(reason, message, null);
    }

    public MessageRejected(RejectReason reason, String message, Throwable cause) {
        super(reason + ": " + message, cause, false, false);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public RejectReason reason() {
        return reason;
    }
}
