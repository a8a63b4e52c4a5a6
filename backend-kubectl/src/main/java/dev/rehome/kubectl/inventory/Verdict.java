package dev.rehome.kubectl.inventory;

import dev.rehome.core.audit.Coverage;
import dev.rehome.core.audit.Evidence;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What one backup mechanism does for one data store, answering two questions separately: can it capture
 * <em>these</em> volumes, and did it actually do so recently? Only {@link Protects} and {@link Stale} leave a
 * copy of the data somewhere; the other two are why a mechanism that looks relevant is not coverage.
 */
sealed interface Verdict permits Verdict.Protects, Verdict.Stale, Verdict.NeverSucceeded, Verdict.CannotCapture {
    /** The mechanism judged. */
    Coverage mechanism();

    /** What provides it, e.g. {@code velero schedule velero/nightly}. */
    String via();

    List<Evidence> evidence();

    /** Risks that remain even when it protects (crash consistency, same storage); never the verdict itself. */
    List<Issue> issues();

    /** The coverage this verdict gives: the mechanism when a copy of the data exists, else none. */
    default Coverage coverage() {
        return this instanceof Protects || this instanceof Stale ? mechanism() : Coverage.NONE;
    }

    /** Captures the data and has a good backup within two periods. */
    record Protects(Coverage mechanism, String via, Instant lastBackup, Duration period, List<Evidence> evidence,
                    List<Issue> issues) implements Verdict {
        public Protects {
            Objects.requireNonNull(lastBackup, "lastBackup");
            evidence = List.copyOf(evidence);
            issues = List.copyOf(issues);
        }

        /** If the disk died now: everything since the last backup, or a whole period just before the next one. */
        Duration dataLossWindow(Clock clock) {
            Duration since = Duration.between(lastBackup, clock.instant());
            return period == null || since.compareTo(period) > 0 ? since : period;
        }
    }

    /** Captures the data, but the newest good backup is too old or the newest run failed. A copy exists. */
    record Stale(Coverage mechanism, String via, Instant lastBackup, String why, List<Evidence> evidence,
                 List<Issue> issues) implements Verdict {
        public Stale {
            Objects.requireNonNull(lastBackup, "lastBackup");
            evidence = List.copyOf(evidence);
            issues = List.copyOf(issues);
        }
    }

    /** Would capture the data but has never finished a good backup of it: no copy exists. */
    record NeverSucceeded(Coverage mechanism, String via, String why, String remedy, List<Evidence> evidence)
            implements Verdict {
        public NeverSucceeded {
            evidence = List.copyOf(evidence);
        }

        @Override
        public List<Issue> issues() {
            return List.of();
        }
    }

    /** Selects the workload but cannot capture its data (hostPath under file-system backup, no snapshot class). */
    record CannotCapture(Coverage mechanism, String via, String why, String remedy, List<Evidence> evidence)
            implements Verdict {
        public CannotCapture {
            evidence = List.copyOf(evidence);
        }

        @Override
        public List<Issue> issues() {
            return List.of();
        }
    }
}
