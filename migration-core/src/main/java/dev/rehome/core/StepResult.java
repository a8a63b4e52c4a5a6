package dev.rehome.core;

import java.time.Duration;
import java.util.Objects;

/** How one step ended. */
public sealed interface StepResult {
    String stepId();

    Duration duration();

    record Succeeded(String stepId, Duration duration) implements StepResult {
        public Succeeded {
            Objects.requireNonNull(stepId, "stepId");
            Objects.requireNonNull(duration, "duration");
        }
    }

    /** Not run: the journal showed it done (a resumed run), or it had nothing to do. */
    record Skipped(String stepId, Duration duration, String reason) implements StepResult {
        public Skipped {
            Objects.requireNonNull(stepId, "stepId");
            Objects.requireNonNull(reason, "reason");
        }
    }

    record Failed(String stepId, Duration duration, Throwable cause) implements StepResult {
        public Failed {
            Objects.requireNonNull(stepId, "stepId");
            Objects.requireNonNull(cause, "cause");
        }
    }

    /** Run earlier, then undone because a later step failed before the point of no return. */
    record RolledBack(String stepId, Duration duration) implements StepResult {
        public RolledBack {
            Objects.requireNonNull(stepId, "stepId");
        }
    }
}
