package dev.rehome.kubectl.backup;

import java.util.List;
import java.util.Objects;

/**
 * The outcome of a restore proof for one database: {@code PASSED} when a scratch cluster recovered from the backup
 * held the database as expected, {@code FAILED} when the backup was missing or failed, the scratch cluster never
 * became ready, or the data differed ({@code findings} says how), {@code SKIPPED} when the proof could not run
 * (no room for the scratch cluster; {@code reason} gives the size needed). Only {@code PASSED} proves anything.
 */
public record RestoreProof(Status status, String database, String backup, String scratchCluster, long rowsCompared,
                           double secondsToRestore, String reason, List<String> findings) {
    public enum Status { PASSED, FAILED, SKIPPED }

    public RestoreProof {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(backup, "backup");
        Objects.requireNonNull(scratchCluster, "scratchCluster");
        Objects.requireNonNull(reason, "reason");
        findings = List.copyOf(findings);
    }

    public static RestoreProof passed(String database, String backup, String scratch, long rows, double seconds) {
        return new RestoreProof(Status.PASSED, database, backup, scratch, rows, seconds,
                "restored from backup " + backup + " into " + scratch + " and verified", List.of());
    }

    public static RestoreProof failed(String database, String backup, String scratch, long rows, double seconds,
                                      String reason, List<String> findings) {
        return new RestoreProof(Status.FAILED, database, backup, scratch, rows, seconds, reason, findings);
    }

    public static RestoreProof failed(String database, String backup, String reason) {
        return failed(database, backup, "", 0, 0, reason, List.of());
    }

    public static RestoreProof skipped(String database, String backup, String reason) {
        return new RestoreProof(Status.SKIPPED, database, backup, "", 0, 0, reason, List.of());
    }

    public boolean passed() {
        return status == Status.PASSED;
    }

    /** One line for a report: {@code restore proof of basketball: PASSED, 23000 rows compared, restored in 4.2 s}. */
    public String describe() {
        return String.format(java.util.Locale.ROOT, "restore proof of %s: %s, %d rows compared, restored in %.1f s (%s)",
                database, status, rowsCompared, secondsToRestore, reason);
    }
}
