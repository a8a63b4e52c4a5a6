package dev.rehome.jdbc.fence;

import dev.rehome.core.OperationFailedException;
import java.util.List;
import java.util.Objects;

/**
 * What a lift did, one outcome per fence action in the order undone. A lift tries every undo whatever failed
 * before it, so this lists all failures at once; {@link #throwIfIncomplete()} turns them into one exception.
 */
public record LiftReport(List<Outcome> outcomes) {
    public LiftReport {
        outcomes = List.copyOf(outcomes);
    }

    public enum Status { UNDONE, NOTHING_TO_UNDO, FAILED }

    /** One action's undo; {@code detail} names the login used or why it failed (never a password). */
    public record Outcome(String action, Status status, String detail) {
        public Outcome {
            Objects.requireNonNull(action, "action");
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(detail, "detail");
        }

        @Override
        public String toString() {
            return status + ": " + action + " (" + detail + ")";
        }
    }

    public boolean complete() {
        return failures().isEmpty();
    }

    public List<Outcome> failures() {
        return outcomes.stream().filter(o -> o.status() == Status.FAILED).toList();
    }

    public void throwIfIncomplete() {
        if (!complete()) {
            throw new OperationFailedException("lifting the source fence left " + failures().size()
                    + " step(s) undone: " + failures() + "; rerun the lift (it is safe to repeat)");
        }
    }
}
