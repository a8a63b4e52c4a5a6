package dev.rehome.core;

/** A server or the Kubernetes API could not be reached, or refused the login. */
public class UnreachableException extends MigrationException {
    public UnreachableException(String message) {
        super(ErrorCode.UNREACHABLE, message);
    }

    public UnreachableException(String message, Throwable cause) {
        super(ErrorCode.UNREACHABLE, message, cause);
    }
}
