package dev.rehome.core;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a {@link MigrationPlan} step by step, journaling each step before and after it runs.
 *
 * <pre>{@code
 * Migrator migrator = Migrator.builder().journal(new FileJournal(dir)).listener(printer).clock(clock).build();
 * MigrationResult result = migrator.execute(plan);
 * }</pre>
 *
 * <p>Steps the journal shows as succeeded are skipped, so a killed run continues where it stopped. When a step
 * fails before any point-of-no-return step has succeeded, every succeeded step is undone in reverse order and
 * the result reports the rollback. An undo that fails does not stop the undos of the earlier steps (they put the app
 * back on its old database); an undo that refuses ({@link RefusedException}: unsafe now) does. Not thread-safe: run
 * one plan at a time per instance.
 */
public final class Migrator {
    private static final Logger LOG = LoggerFactory.getLogger(Migrator.class);
    /** Journal fact kept while a rollback runs, so a rerun after a crash finishes it instead of carrying on. */
    static final String ROLLBACK = "migrator.rollback";
    private static final String ROLLBACK_RUNNING = "in-progress";

    private final Journal journal;
    private final MigrationListener listener;
    private final Clock clock;
    private final Runnable safePoint;

    private Migrator(Builder b) {
        this.journal = b.journal;
        this.listener = b.listener;
        this.clock = b.clock;
        this.safePoint = b.safePoint;
    }

    public static Builder builder() {
        return new Builder();
    }

    public MigrationResult execute(MigrationPlan plan) {
        Instant start = clock.instant();
        AtomicReference<JournalState> state = new AtomicReference<>(journal.read(plan.name()));
        StepContext ctx = context(plan, state);
        List<StepResult> results = new ArrayList<>();
        if (ROLLBACK_RUNNING.equals(state.get().facts().get(ROLLBACK))) {
            // A rollback stopped mid-way (the process was killed): some changes are undone, others not, e.g. the
            // fence lifted but the app still at 0. Carrying on would copy from an unfenced source; finish it.
            results.addAll(undoSucceeded(plan, state, ctx));
            results.add(new StepResult.Failed("rollback", Duration.between(start, clock.instant()),
                    new OperationFailedException("an earlier rollback was interrupted and has now been finished: the "
                            + "app is back on its old database; run migrate again to start over")));
            return new MigrationResult(plan.name(), results, ctx.facts(), Duration.between(start, clock.instant()));
        }
        for (Step step : plan.steps()) {
            if (state.get().succeeded(step.id())) {
                StepResult skipped = new StepResult.Skipped(step.id(), Duration.ZERO, "done in an earlier run");
                results.add(skipped);
                listener.onStepFinished(step, skipped);
                continue;
            }
            Optional<StepResult> stopped = stopIfUnsafe(step);
            if (stopped.isPresent()) {
                results.add(stopped.get());
                listener.onStepFinished(step, stopped.get());
                if (!pastPointOfNoReturn(plan, state.get())) {
                    results.addAll(undoSucceeded(plan, state, ctx));
                }
                return new MigrationResult(plan.name(), results, ctx.facts(), Duration.between(start, clock.instant()));
            }
            listener.onStepStarted(step);
            Instant stepStart = clock.instant();
            Optional<StepResult> unjournaled = journalIntent(state, ctx, step);
            if (unjournaled.isPresent()) {
                // No durable record that this step may run, so it must not: a crash in it could not be resumed
                // or undone by the next run. Stop here and put back what ran.
                results.add(unjournaled.get());
                listener.onStepFinished(step, unjournaled.get());
                if (!pastPointOfNoReturn(plan, state.get())) {
                    results.addAll(undoSucceeded(plan, state, ctx));
                }
                return new MigrationResult(plan.name(), results, ctx.facts(), Duration.between(start, clock.instant()));
            }
            try {
                step.run(ctx);
            } catch (Exception | AssertionError e) {
                Duration took = Duration.between(stepStart, clock.instant());
                LOG.warn("step '{}' of plan '{}' failed: {}", step.id(), plan.name(), e.getMessage());
                recordBestEffort(state, ctx, step.id(), StepStatus.FAILED, oneLine(e));
                StepResult failed = new StepResult.Failed(step.id(), took, e);
                results.add(failed);
                listener.onStepFinished(step, failed);
                if (!pastPointOfNoReturn(plan, state.get())) {
                    results.addAll(undoSucceeded(plan, state, ctx));
                }
                return new MigrationResult(plan.name(), results, ctx.facts(), Duration.between(start, clock.instant()));
            }
            Duration took = Duration.between(stepStart, clock.instant());
            record(state, ctx, step.id(), StepStatus.SUCCEEDED, "");
            StepResult ok = new StepResult.Succeeded(step.id(), took);
            results.add(ok);
            listener.onStepFinished(step, ok);
        }
        return new MigrationResult(plan.name(), results, ctx.facts(), Duration.between(start, clock.instant()));
    }

    /** Journals that {@code step} starts; the state in memory changes only once the journal has it. */
    private Optional<StepResult> journalIntent(AtomicReference<JournalState> state, StepContext ctx, Step step) {
        JournalState next = state.get().withFacts(ctx.facts())
                .with(new StepRecord(step.id(), StepStatus.RUNNING, clock.instant(), ""));
        try {
            journal.write(next);
        } catch (RuntimeException e) {
            LOG.error("could not journal the start of step '{}': {}", step.id(), e.getMessage());
            return Optional.of(new StepResult.Failed(step.id(), Duration.ZERO, new OperationFailedException(
                    "cannot journal the start of step '" + step.id() + "' (" + oneLine(e) + "); stopped before it,"
                    + " with nothing of it done", e)));
        }
        state.set(next);
        return Optional.empty();
    }

    /**
     * Asks the safe-point guard whether the run may start {@code step} (e.g. it still holds its lock). A refusal
     * fails the step before it journals or changes anything, so its own undo does not run; only what earlier steps
     * did is rolled back.
     */
    private Optional<StepResult> stopIfUnsafe(Step step) {
        try {
            safePoint.run();
            return Optional.empty();
        } catch (RuntimeException e) {
            LOG.warn("stopped before step '{}': {}", step.id(), e.getMessage());
            return Optional.of(new StepResult.Failed(step.id(), Duration.ZERO, e));
        }
    }

    /**
     * Undoes every succeeded step in reverse order, also past the point of no return: steps whose undo is unsafe
     * now (the app has written to the new home) must refuse by throwing, which stops the rollback there.
     */
    public MigrationResult rollback(MigrationPlan plan) {
        Instant start = clock.instant();
        AtomicReference<JournalState> state = new AtomicReference<>(journal.read(plan.name()));
        StepContext ctx = context(plan, state);
        List<StepResult> results = undoSucceeded(plan, state, ctx);
        return new MigrationResult(plan.name(), results, ctx.facts(), Duration.between(start, clock.instant()));
    }

    /** The journal of {@code plan} as it stands. */
    public JournalState status(MigrationPlan plan) {
        return journal.read(plan.name());
    }

    private List<StepResult> undoSucceeded(MigrationPlan plan, AtomicReference<JournalState> state, StepContext ctx) {
        putFactBestEffort(ctx, ROLLBACK, ROLLBACK_RUNNING);
        List<StepResult> results = new ArrayList<>();
        List<Step> reversed = new ArrayList<>(plan.steps());
        java.util.Collections.reverse(reversed);
        for (Step step : reversed) {
            Optional<StepRecord> rec = state.get().step(step.id());
            boolean ranSomething = rec.map(r -> r.status() == StepStatus.SUCCEEDED || r.status() == StepStatus.FAILED
                    || r.status() == StepStatus.RUNNING).orElse(false);
            if (!ranSomething) {
                continue;
            }
            Instant t0 = clock.instant();
            try {
                step.undo(ctx);
            } catch (Exception | AssertionError e) {
                LOG.warn("undo of step '{}' failed: {}", step.id(), e.getMessage());
                recordBestEffort(state, ctx, step.id(), StepStatus.FAILED, "undo failed: " + oneLine(e));
                StepResult failed = new StepResult.Failed(step.id(), Duration.between(t0, clock.instant()), e);
                results.add(failed);
                listener.onStepFinished(step, failed);
                if (e instanceof RefusedException) {
                    // The step says undoing is unsafe now (e.g. the app wrote to the new home): stop here.
                    putFactBestEffort(ctx, ROLLBACK, "refused by " + step.id());
                    return results;
                }
                // A failed undo must not strand what the earlier steps changed: the app scaled down and fenced
                // off is restored by their undos, so keep going; the failure stays in the result and the journal.
                continue;
            }
            recordBestEffort(state, ctx, step.id(), StepStatus.ROLLED_BACK, "");
            StepResult undone = new StepResult.RolledBack(step.id(), Duration.between(t0, clock.instant()));
            results.add(undone);
            listener.onStepFinished(step, undone);
        }
        putFactBestEffort(ctx, ROLLBACK, "finished");
        return results;
    }

    private static boolean pastPointOfNoReturn(MigrationPlan plan, JournalState state) {
        return plan.steps().stream().anyMatch(s -> s.pointOfNoReturn() && state.succeeded(s.id()));
    }

    private StepContext context(MigrationPlan plan, AtomicReference<JournalState> state) {
        StepContext[] holder = new StepContext[1];
        holder[0] = new StepContext(listener, clock, state.get().facts(), () -> {
            JournalState next = state.updateAndGet(s -> s.withFacts(holder[0].facts()));
            journal.write(next);
        });
        return holder[0];
    }

    private void record(AtomicReference<JournalState> state, StepContext ctx, String stepId, StepStatus status,
                        String detail) {
        JournalState next = state.updateAndGet(
                s -> s.withFacts(ctx.facts()).with(new StepRecord(stepId, status, clock.instant(), detail)));
        journal.write(next);
    }

    /**
     * Records a failure, but a journal that cannot take it (unreachable, or refusing the message's text) must not
     * stop the rollback that follows: the app waiting at 0 replicas matters more than the record. The state in
     * memory still has it, so later writes carry it when the journal recovers.
     */
    private void recordBestEffort(AtomicReference<JournalState> state, StepContext ctx, String stepId,
                                  StepStatus status, String detail) {
        try {
            record(state, ctx, stepId, status, detail);
        } catch (RuntimeException journalFailed) {
            LOG.error("could not journal step '{}' as {} ({}); rolling back regardless", stepId, status,
                    journalFailed.getMessage());
        }
    }

    private static void putFactBestEffort(StepContext ctx, String key, String value) {
        try {
            ctx.putFact(key, value);
        } catch (RuntimeException journalFailed) {
            LOG.error("could not journal {}={} ({}); rolling back regardless", key, value, journalFailed.getMessage());
        }
    }

    private static String oneLine(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    /**
     * Builds a {@link Migrator}; defaults: an in-memory journal, no listener. The clock has no default: it comes
     * from the caller's composition root, so a test's clock reaches every timestamp the journal records.
     */
    public static final class Builder {
        private Journal journal = new InMemoryJournal();
        private MigrationListener listener = MigrationListener.NONE;
        private Clock clock;
        private Runnable safePoint = () -> { };

        private Builder() {
        }

        /**
         * Called before every step runs; when it throws, the run stops there as if that step had failed, before the
         * step changes anything (a lost lock: another run may be about to work on the same database).
         */
        public Builder safePoint(Runnable safePoint) {
            this.safePoint = Objects.requireNonNull(safePoint, "safePoint");
            return this;
        }

        public Builder journal(Journal journal) {
            this.journal = Objects.requireNonNull(journal, "journal");
            return this;
        }

        public Builder listener(MigrationListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** @throws NullPointerException when no {@link #clock(Clock)} was given */
        public Migrator build() {
            Objects.requireNonNull(clock, "clock: Migrator.builder().clock(...) is required (no system-clock default)");
            return new Migrator(this);
        }
    }
}
