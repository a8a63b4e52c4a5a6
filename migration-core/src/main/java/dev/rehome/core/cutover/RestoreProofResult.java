package dev.rehome.core.cutover;

import java.util.Locale;
import java.util.Objects;

/**
 * Whether the moved database came back from the new home's backup: {@code PASSED} (restored into a scratch cluster
 * and verified, {@code rowsCompared} rows), {@code FAILED} (with why), or {@code SKIPPED} (this world cannot restore,
 * or no room: with why). Only {@code PASSED} lets {@code retire} go ahead without an explicit, recorded skip.
 */
public record RestoreProofResult(Status status, String database, String backup, long rowsCompared,
                                 double secondsToRestore, String detail) {
    public enum Status { PASSED, FAILED, SKIPPED }

    public RestoreProofResult {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(backup, "backup");
        Objects.requireNonNull(detail, "detail");
    }

    public static RestoreProofResult skipped(String database, String backup, String why) {
        return new RestoreProofResult(Status.SKIPPED, database, backup, 0, 0, why);
    }

    /** The lower-case name used in facts and JSON. */
    public String label() {
        return status.name().toLowerCase(Locale.ROOT);
    }

    /** One line for a notice: {@code restore proof of basketball: passed, 1,234 rows compared, restored in 4.2 s}. */
    public String describe() {
        return String.format(Locale.ROOT, "restore proof of %s from %s: %s, %,d rows compared, restored in %.1f s (%s)",
                database, backup, label(), rowsCompared, secondsToRestore, detail);
    }
}
