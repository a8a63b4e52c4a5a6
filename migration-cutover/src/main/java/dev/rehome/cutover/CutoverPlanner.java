package dev.rehome.cutover;

import dev.rehome.core.cutover.GitOpsChange;
import dev.rehome.cutover.steps.BackupStep;
import dev.rehome.cutover.steps.CopyStep;
import dev.rehome.cutover.steps.Cutover;
import dev.rehome.cutover.steps.FingerprintStep;
import dev.rehome.cutover.steps.LockStep;
import dev.rehome.cutover.steps.PreflightStep;
import dev.rehome.cutover.steps.ProveRestoreStep;
import dev.rehome.cutover.steps.ProvisionStep;
import dev.rehome.cutover.steps.QuiesceStep;
import dev.rehome.cutover.steps.RepointStep;
import dev.rehome.cutover.steps.RetireStep;
import dev.rehome.cutover.steps.ScaleUpStep;
import dev.rehome.cutover.steps.VerifyStep;
import dev.rehome.core.JournalState;
import dev.rehome.core.MigrationPlan;
import dev.rehome.core.Step;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * The basketball-api cutover as a plan: preflight, lock, provision, fingerprint, quiesce, copy, verify,
 * re-point (point of no return), scale up, prove backup, prove it restores; and, separately, retire. Stateless.
 */
public final class CutoverPlanner {
    private CutoverPlanner() {
    }

    public static MigrationPlan migration(Cutover cutover, BooleanSupplier lockHeld, Consumer<GitOpsChange> gitops,
                                          UnaryOperator<Step> decorate) {
        List<Step> steps = List.of(new PreflightStep(cutover), new LockStep(cutover, lockHeld),
                new ProvisionStep(cutover), new FingerprintStep(cutover), new QuiesceStep(cutover),
                new CopyStep(cutover), new VerifyStep(cutover), new RepointStep(cutover, gitops),
                new ScaleUpStep(cutover), new BackupStep(cutover), new ProveRestoreStep(cutover));
        MigrationPlan.Builder plan = MigrationPlan.builder(cutover.config().planName());
        steps.forEach(s -> plan.step(decorate.apply(s)));
        return plan.build();
    }

    public static MigrationPlan retirement(Cutover cutover, Supplier<JournalState> migration,
                                           Consumer<GitOpsChange> gitops) {
        return MigrationPlan.builder(cutover.config().planName() + ":retire")
                .step(new RetireStep(cutover, migration, gitops)).build();
    }
}
