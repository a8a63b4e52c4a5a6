package dev.rehome.cutover.fleet;

/**
 * How one database's move ended, best first. The fleet run stops at {@link #FAILED}: the app may be half on the
 * new home and needs a person.
 */
public enum MoveStatus {
    /** Copied, verified, the app re-pointed and healthy, a backup proven. */
    MOVED("moved and verified", 0),
    /** Refused before anything changed (preflight, a name taken, nothing to re-point). */
    REFUSED("refused", 3),
    /** Failed before the point of no return and every step undone: the app is back on its old database. */
    ROLLED_BACK("rolled back", 5),
    /** Failed and not rolled back cleanly (past the re-point, or an undo failed). */
    FAILED("FAILED, not rolled back", 5);

    private final String label;
    private final int exitCode;

    MoveStatus(String label, int exitCode) {
        this.label = label;
        this.exitCode = exitCode;
    }

    public String label() {
        return label;
    }

    /** The exit code this outcome alone would give (a verification failure that rolled back gives 1). */
    public int exitCode() {
        return exitCode;
    }
}
