package dev.rehome.cutover.fleet;

import dev.rehome.core.MigrationException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the moves of a fleet one after another, or {@code parallel} at a time, and stops starting new ones at the
 * first move that failed without a clean rollback; a refused or cleanly rolled-back move is reported and the run
 * goes on. Moves not started because of the stop are reported as refused, naming the failure that stopped the run.
 * Thread-safe; each call runs its own pool.
 */
public final class FleetRun {
    private static final Logger LOG = LoggerFactory.getLogger(FleetRun.class);

    /** One database to move: its name for the report, and the work (derive the plan, run it). */
    public record Task(String database, String target, MoveTask work) {
        public Task {
            Objects.requireNonNull(database, "database");
            Objects.requireNonNull(target, "target");
            Objects.requireNonNull(work, "work");
        }
    }

    /** Derives and runs one move; may throw a {@link MigrationException} before anything changed. */
    @FunctionalInterface
    public interface MoveTask {
        MoveOutcome run();
    }

    private final Clock clock;

    public FleetRun(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public FleetReport run(List<Task> tasks, int parallel) {
        if (parallel < 1) {
            throw new IllegalArgumentException("parallel must be at least 1, got " + parallel);
        }
        Instant start = clock.instant();
        AtomicReference<String> stoppedBy = new AtomicReference<>();
        ExecutorService pool = Executors.newFixedThreadPool(parallel, r -> {
            Thread t = new Thread(r, "rehome-fleet-move");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<MoveOutcome>> futures = new ArrayList<>();
            for (Task task : tasks) {
                futures.add(pool.submit(() -> runOne(task, stoppedBy)));
            }
            List<MoveOutcome> outcomes = new ArrayList<>();
            for (Future<MoveOutcome> f : futures) {
                outcomes.add(join(f));
            }
            return new FleetReport(outcomes, Optional.ofNullable(stoppedBy.get()), Duration.between(start, clock.instant()));
        } finally {
            pool.shutdownNow();
        }
    }

    private static MoveOutcome runOne(Task task, AtomicReference<String> stoppedBy) {
        String stop = stoppedBy.get();
        if (stop != null) {
            return new MoveOutcome(task.database(), task.target(), MoveStatus.REFUSED,
                    "not started: the fleet run stopped after " + stop + " failed without a clean rollback", 3,
                    Optional.empty());
        }
        MoveOutcome outcome;
        try {
            outcome = task.work().run();
        } catch (MigrationException e) {
            LOG.warn("move of '{}' not started: {}", task.database(), e.getMessage());
            outcome = new MoveOutcome(task.database(), task.target(), MoveStatus.REFUSED, FleetMove.oneLine(e),
                    e.errorCode().exitCode(), Optional.empty());
        } catch (RuntimeException e) {
            LOG.error("move of '{}' failed unexpectedly", task.database(), e);
            outcome = new MoveOutcome(task.database(), task.target(), MoveStatus.FAILED, FleetMove.oneLine(e), 5,
                    Optional.empty());
        }
        if (outcome.status() == MoveStatus.FAILED) {
            stoppedBy.compareAndSet(null, task.database());
        }
        return outcome;
    }

    private static MoveOutcome join(Future<MoveOutcome> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a move", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a move crashed: " + e.getCause(), e.getCause());
        }
    }
}
