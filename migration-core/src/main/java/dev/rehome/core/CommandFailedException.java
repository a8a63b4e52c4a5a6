package dev.rehome.core;

/**
 * A program (pg_dump, pg_restore, psql) exited non-zero or could not start. The message names where it ran,
 * its exit code and the tail of its stderr, e.g. {@code pg_dump in pod 'ns/db-0' container 'postgres' exited 1}.
 */
public class CommandFailedException extends MigrationException {
    private final String where;
    private final int exitCode;
    private final String stderrTail;

    public CommandFailedException(String program, String where, int exitCode, String stderrTail) {
        super(ErrorCode.FAILED, program + " " + where + " exited " + exitCode
                + (stderrTail == null || stderrTail.isBlank() ? "" : ": " + stderrTail.strip()));
        this.where = where;
        this.exitCode = exitCode;
        this.stderrTail = stderrTail == null ? "" : stderrTail;
    }

    public String where() {
        return where;
    }

    public int exitCode() {
        return exitCode;
    }

    public String stderrTail() {
        return stderrTail;
    }
}
