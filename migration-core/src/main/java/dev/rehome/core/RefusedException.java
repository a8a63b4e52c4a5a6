package dev.rehome.core;

/** rehome refused an operation that could lose or overwrite data; nothing was changed by it. */
public class RefusedException extends MigrationException {
    public RefusedException(String message) {
        super(ErrorCode.REFUSED, message);
    }

    public RefusedException(String message, Throwable cause) {
        super(ErrorCode.REFUSED, message, cause);
    }
}
