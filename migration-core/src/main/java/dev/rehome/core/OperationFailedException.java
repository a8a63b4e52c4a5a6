package dev.rehome.core;

/** An operation started and failed (a step, a copy); the message says what is left behind. */
public class OperationFailedException extends MigrationException {
    public OperationFailedException(String message) {
        super(ErrorCode.FAILED, message);
    }

    public OperationFailedException(String message, Throwable cause) {
        super(ErrorCode.FAILED, message, cause);
    }
}
