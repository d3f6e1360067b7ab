package dev.mconats.cli;

/** A problem the user can fix, told in one line. */
public class UserError extends RuntimeException {
    public UserError(String message) {
        super(message);
    }
}
