package dev.rehome.core;

/**
 * What went wrong, as a CLI exit code a CI job can gate on. The numbers are part of the CLI contract.
 */
public enum ErrorCode {
    /** A verification compared source and target and found a difference. */
    VERIFICATION_FAILED(1),
    /** The command line or a configuration file is wrong. */
    USAGE(2),
    /** rehome refused because going on could lose or overwrite data. */
    REFUSED(3),
    /** A database server or the Kubernetes API could not be reached or refused the login. */
    UNREACHABLE(4),
    /** An operation failed after it started (a command exited non-zero, a step failed and was rolled back). */
    FAILED(5);

    private final int exitCode;

    ErrorCode(int exitCode) {
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
