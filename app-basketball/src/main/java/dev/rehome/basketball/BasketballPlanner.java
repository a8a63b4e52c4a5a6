package dev.rehome.basketball;

import dev.rehome.basketball.gitops.GitOpsChange;
import dev.rehome.basketball.steps.BackupStep;
import dev.rehome.basketball.steps.CopyStep;
import dev.rehome.basketball.steps.Cutover;
import dev.rehome.basketball.steps.FingerprintStep;
import dev.rehome.basketball.steps.LockStep;
import dev.rehome.basketball.steps.PreflightStep;
import dev.rehome.basketball.steps.ProvisionStep;
import dev.rehome.basketball.steps.QuiesceStep;
import dev.rehome.basketball.steps.RepointStep;
import dev.rehome.basketball.steps.RetireStep;
import dev.rehome.basketball.steps.ScaleUpStep;
import dev.rehome.basketball.steps.VerifyStep;
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
 * re-point (point of no return), scale up, prove backup; and, separately, retire. Stateless.
 */
public final class BasketballPlanner {
    private BasketballPlanner() {
    }

    public static MigrationPlan migration(Cutover cutover, BooleanSupplier lockHeld, Consumer<GitOpsChange> gitops,
                                          UnaryOperator<Step> decorate) {
        List<Step> steps = List.of(new PreflightStep(cutover), new LockStep(cutover, lockHeld),
                new ProvisionStep(cutover), new FingerprintStep(cutover), new QuiesceStep(cutover),
                new CopyStep(cutover), new VerifyStep(cutover), new RepointStep(cutover, gitops),
                new ScaleUpStep(cutover), new BackupStep(cutover));
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
