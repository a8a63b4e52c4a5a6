package dev.rehome.cutover.steps;

import dev.rehome.core.OperationFailedException;
import dev.rehome.core.Step;
import dev.rehome.core.StepContext;
import dev.rehome.core.spi.SourceLockKey;
import java.util.List;
import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * Makes sure the run holds its locks: one on the source database (two runs must never fence or copy one database,
 * whatever they call the app) and one on the target database (two sources must never load into one). The locks
 * are taken by the runner around every command, not by this step: a resumed run skips succeeded steps, and the
 * locks must be held by every run, while a Lease dies with its holder so a crash leaves no stale lock.
 */
public final class LockStep implements Step {
    private final Cutover cutover;
    private final BooleanSupplier held;

    public LockStep(Cutover cutover, BooleanSupplier held) {
        this.cutover = Objects.requireNonNull(cutover, "cutover");
        this.held = Objects.requireNonNull(held, "held");
    }

    /** The lock on the target database. */
    public static String lockName(Cutover cutover) {
        return "rehome-" + cutover.config().target().cluster() + "-" + cutover.config().target().database();
    }

    /** The lock on the source database, keyed on where it lives, not on the app's name. */
    public static String sourceLockName(Cutover cutover) {
        var source = cutover.config().source();
        return new SourceLockKey(source.namespace(), source.deployment(), source.database()).lockName();
    }

    @Override
    public String id() {
        return "lock";
    }

    @Override
    public String title() {
        return "Lock: one run at a time on " + cutover.targetLabel();
    }

    @Override
    public List<String> plannedChanges(StepContext context) {
        return List.of("changes: Leases in " + cutover.config().target().namespace() + " on the source ("
                + sourceLockName(cutover) + ") and the target (" + lockName(cutover) + "), held by '"
                + cutover.options().holder() + "' for " + cutover.options().lockTtl().toMinutes()
                + " min, renewed while running; a lost Lease stops the run before its next step"
                + " (undo: released at exit)");
    }

    @Override
    public void run(StepContext ctx) {
        if (!held.getAsBoolean()) {
            throw new OperationFailedException("the run does not hold the lock '" + lockName(cutover) + "'");
        }
        ctx.listener().onNotice("lock '" + lockName(cutover) + "' held by " + cutover.options().holder());
    }
}
