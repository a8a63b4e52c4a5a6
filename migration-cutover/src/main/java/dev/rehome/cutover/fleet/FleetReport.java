package dev.rehome.cutover.fleet;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The result of a fleet run: every database's outcome in the order they were planned, the database whose
 * unclean failure stopped the run (if any), and the total time. Immutable.
 */
public record FleetReport(List<MoveOutcome> outcomes, Optional<String> stoppedBy, Duration duration) {
    public FleetReport {
        outcomes = List.copyOf(outcomes);
        Objects.requireNonNull(stoppedBy, "stoppedBy");
        Objects.requireNonNull(duration, "duration");
    }

    /**
     * 0 when every database moved (or there was none to move); otherwise the exit code of the worst outcome:
     * FAILED (5) over ROLLED_BACK (1 when the verification failed, else 5) over REFUSED (3, or 4 unreachable).
     */
    public int exitCode() {
        return outcomes.stream().filter(o -> o.status() != MoveStatus.MOVED)
                .max(Comparator.comparing(MoveOutcome::status)).map(MoveOutcome::exitCode).orElse(0);
    }

    public long count(MoveStatus status) {
        return outcomes.stream().filter(o -> o.status() == status).count();
    }
}
