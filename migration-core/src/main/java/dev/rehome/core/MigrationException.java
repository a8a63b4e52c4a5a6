package dev.rehome.core;

/**
 * Root of rehome's exception family. Every subclass carries an {@link ErrorCode}, so a CLI maps any failure to an
 * exit code without knowing the subclass. Messages name the actor and never contain a password.
 */
public abstract class MigrationException extends RuntimeException {
    private final ErrorCode errorCode;

    protected MigrationException(ErrorCode errorCode, String message) {
        super(message);
        this.errorCode = errorCode;
    }

    protected MigrationException(ErrorCode errorCode, String message, Throwable cause) {
        super(message, cause);
        this.errorCode = errorCode;
    }

    public ErrorCode errorCode() {
        return errorCode;
    }
}
