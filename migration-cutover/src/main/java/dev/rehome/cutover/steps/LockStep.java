package dev.rehome.cutover.steps;

import dev.rehome.core.OperationFailedException;
import dev.rehome.core.Step;
import dev.rehome.core.StepContext;
import java.util.List;
import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * Makes sure the run holds the lock on the target database. The lock itself is taken by the runner around every
 * command, not by this step: a resumed run skips succeeded steps, and the lock must be held by every run, while
 * a Lease dies with its holder so a crash leaves no stale lock.
 */
public final class LockStep implements Step {
    private final Cutover cutover;
    private final BooleanSupplier held;

    public LockStep(Cutover cutover, BooleanSupplier held) {
        this.cutover = Objects.requireNonNull(cutover, "cutover");
        this.held = Objects.requireNonNull(held, "held");
    }

    public static String lockName(Cutover cutover) {
        return "rehome-" + cutover.config().target().cluster() + "-" + cutover.config().target().database();
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
        return List.of("changes: Lease " + cutover.config().target().namespace() + "/" + lockName(cutover) + " held by '"
                + cutover.options().holder() + "' for " + cutover.options().lockTtl().toMinutes()
                + " min, renewed while running (undo: released at exit)");
    }

    @Override
    public void run(StepContext ctx) {
        if (!held.getAsBoolean()) {
            throw new OperationFailedException("the run does not hold the lock '" + lockName(cutover) + "'");
        }
        ctx.listener().onNotice("lock '" + lockName(cutover) + "' held by " + cutover.options().holder());
    }
}
