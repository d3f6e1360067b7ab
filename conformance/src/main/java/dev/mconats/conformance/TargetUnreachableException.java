package dev.mconats.conformance;

import dev.mconats.targetmodel.TargetException;

/**
 * Nothing of the target can be tested: no server answers, or the servers cannot even be found (DNS down, no SRV
 * records and no fallback). Reported as one line instead of a wall of failures.
 */
public class TargetUnreachableException extends TargetException {
    public TargetUnreachableException(String message) {
        super(message);
    }
}
