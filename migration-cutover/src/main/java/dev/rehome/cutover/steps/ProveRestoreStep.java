package dev.rehome.cutover.steps;

import dev.rehome.core.DatabaseEndpoint;
import dev.rehome.core.OperationFailedException;
import dev.rehome.core.Step;
import dev.rehome.core.StepContext;
import dev.rehome.core.cutover.RestoreProofResult;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A backup is only as good as its restore: the first backup of the new home is restored into a short-lived scratch
 * cluster, the moved database in it is verified against the fenced source (rows, content checksums, sequences,
 * schema), the scratch cluster is deleted, and the result is journaled for the report and for {@code retire}. A
 * failed proof fails the run (after the re-point, the app stays on its new home) and retire stays refused.
 */
public final class ProveRestoreStep implements Step {
    private final Cutover cutover;

    public ProveRestoreStep(Cutover cutover) {
        this.cutover = Objects.requireNonNull(cutover, "cutover");
    }

    @Override
    public String id() {
        return "prove-restore";
    }

    @Override
    public String title() {
        return "Prove the backup restores: " + cutover.config().target().database() + " from a scratch cluster";
    }

    @Override
    public List<String> plannedChanges(StepContext context) {
        var t = cutover.config().target();
        return List.of("changes: a scratch Cluster in " + t.namespace() + " bootstrapped from the backup (labelled as "
                + "rehome's), deleted with its PVCs afterwards", "reads: database " + t.database()
                + " in the scratch cluster, compared with the fenced source");
    }

    @Override
    public void run(StepContext ctx) {
        var t = cutover.config().target();
        String backup = ctx.requireFact(Facts.BACKUP_NAME);
        DatabaseEndpoint login = cutover.ports().databases().targetAs(t.role(), new ProvisionStep(cutover).password(),
                t.database());
        RestoreProofResult proof = cutover.ports().restoreProofs().prove(backup, login, cutover.source(ctx));
        ctx.putFact(Facts.RESTORE_STATUS, proof.label());
        ctx.putFact(Facts.RESTORE_ROWS, Long.toString(proof.rowsCompared()));
        ctx.putFact(Facts.RESTORE_SECONDS, String.format(Locale.ROOT, "%.1f", proof.secondsToRestore()));
        ctx.putFact(Facts.RESTORE_DETAIL, proof.detail());
        ctx.listener().onNotice(proof.describe());
        if (proof.status() == RestoreProofResult.Status.FAILED) {
            throw new OperationFailedException("the backup " + backup + " did not restore " + t.database()
                    + " as moved: " + proof.detail() + "; the app stays on its new home, and retire stays refused "
                    + "until a restore proof passes");
        }
    }
}
