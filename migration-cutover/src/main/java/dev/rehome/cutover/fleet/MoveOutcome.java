package dev.rehome.cutover.fleet;

import dev.rehome.cutover.report.CutoverReport;
import java.util.Objects;
import java.util.Optional;

/**
 * One database of a fleet run: which, how it ended, why (one line), the exit code it maps to, and the full
 * cutover report when the plan ran. Immutable.
 */
public record MoveOutcome(String database, String target, MoveStatus status, String reason, int exitCode,
                          Optional<CutoverReport> report) {
    public MoveOutcome {
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(status, "status");
        reason = reason == null ? "" : reason;
        Objects.requireNonNull(report, "report");
    }
}
