package dev.rehome.cutover.steps;

import dev.rehome.core.cutover.GitOpsChange;
import dev.rehome.cutover.gitops.GitOpsEditor;
import dev.rehome.core.JournalState;
import dev.rehome.core.RefusedException;
import dev.rehome.core.Step;
import dev.rehome.core.StepContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Retires the standalone database, refused until the cutover was verified, a backup completed and restored (or
 * the proof was skipped with a recorded reason) and the cool-off
 * passed ({@code --now} skips only the cool-off). Removes the postgres Deployment and Service (or, with a
 * deployments checkout, its overlay file); keeps the PVC unless {@code --delete-volume}, which deletes only the
 * PVC proven at preflight, by UID and resourceVersion, never a protected one and never one a pod mounts.
 */
public final class RetireStep implements Step {
    private final Cutover cutover;
    private final Supplier<JournalState> migration;
    private final Consumer<GitOpsChange> gitopsSink;

    public RetireStep(Cutover cutover, Supplier<JournalState> migration, Consumer<GitOpsChange> gitopsSink) {
        this.cutover = Objects.requireNonNull(cutover, "cutover");
        this.migration = Objects.requireNonNull(migration, "migration");
        this.gitopsSink = Objects.requireNonNull(gitopsSink, "gitopsSink");
    }

    @Override
    public String id() {
        return "retire";
    }

    @Override
    public String title() {
        return "Retire the standalone database " + cutover.sourceWorkload();
    }

    @Override
    public List<String> plannedChanges(StepContext context) {
        var s = cutover.config().source();
        List<String> out = new ArrayList<>();
        if (cutover.gitops()) {
            out.add("changes: scale Deployment " + cutover.sourceWorkload() + " to 0 and wait until its pods are gone");
            out.add("file " + cutover.config().gitops().overlay() + "/" + cutover.config().gitops().dropResource()
                    + ": removed, on a new branch (not pushed)");
        } else {
            out.add("changes: scale Deployment " + cutover.sourceWorkload() + " to 0 and wait until its pods are gone");
            out.add("changes: delete Deployment " + cutover.sourceWorkload() + " and Service " + s.namespace() + "/" + s.service());
        }
        out.add("reads: Deployment " + cutover.app() + " env " + cutover.config().app().envVar() + "; refuses when it"
                + " no longer reads the new home's Secret (drift: ArgoCD self-heal, an old manifest applied)");
        out.add("reads: the old database's XID and row-change counters; refuses when it changed since the copy");
        var facts = migration.get().facts();
        String pvc = facts.getOrDefault(Facts.PVC, s.pvc());
        out.add(cutover.options().deleteVolume()
                ? "changes: delete PVC " + s.namespace() + "/" + pvc + " only if uid = " + facts.getOrDefault(Facts.PVC_UID, "?")
                        + " and resourceVersion = " + facts.getOrDefault(Facts.PVC_RESOURCE_VERSION, "?") + " (its PV is Retain)"
                : "kept: PVC " + s.namespace() + "/" + pvc + " (pass --delete-volume to delete it by UID)");
        cutover.config().retire().protectedPvcs().forEach(p -> out.add("never touched: PVC " + s.namespace() + "/" + p));
        out.add("allowed from: " + allowedFrom().map(Instant::toString).orElse("after a verified cutover and a completed backup"));
        return out;
    }

    /** When the cool-off ends, once the cutover has happened. */
    public java.util.Optional<Instant> allowedFrom() {
        return java.util.Optional.ofNullable(migration.get().facts().get(Facts.CUTOVER_AT))
                .map(at -> Instant.parse(at).plus(cutover.config().retire().coolOff()));
    }

    @Override
    public void run(StepContext ctx) {
        JournalState m = migration.get();
        if (!m.succeeded("verify") || !m.succeeded("prove-backup")) {
            throw new RefusedException("retire needs a verified cutover and a completed backup; the journal shows "
                    + "verify " + status(m, "verify") + " and prove-backup " + status(m, "prove-backup")
                    + " (run migrate first, see status)");
        }
        String restore = m.facts().getOrDefault(Facts.RESTORE_STATUS, "not run");
        if (!"passed".equals(restore)) {
            String skip = cutover.options().skipRestoreProof().orElseThrow(() -> new RefusedException(
                    "retire needs a passed restore proof of the new home's backup; the journal shows " + restore
                    + " (" + m.facts().getOrDefault(Facts.RESTORE_DETAIL, "run migrate to prove it") + "); fix it and"
                    + " rerun migrate, or pass --skip-restore-proof REASON to retire without it, on the record"));
            ctx.putFact(Facts.RESTORE_SKIPPED_BECAUSE, skip);
            ctx.listener().onNotice("retiring without a passed restore proof (" + restore + "), because: " + skip);
        }
        Instant allowed = allowedFrom().orElseThrow();
        if (!cutover.options().retireNow() && ctx.clock().instant().isBefore(allowed)) {
            throw new RefusedException("the cool-off runs until " + allowed + "; retire then, or pass --now to skip it");
        }
        refuseIfTheAppDrifted();
        if (ctx.fact(Facts.SOURCE_RECHECKED).isEmpty()) {
            recheckSource(m, ctx);
        }
        var s = cutover.config().source();
        // Stop first (no pod may hold the volume or answer a stray client), then remove.
        cutover.ports().workloads().scale(cutover.sourceWorkload(), 0, cutover.config().deadlines().scale());
        if (cutover.gitops()) {
            GitOpsChange change = new GitOpsEditor(cutover.options().gitopsDir().orElseThrow(), cutover.config()).retire();
            gitopsSink.accept(change);
            ctx.listener().onNotice("GitOps: removed " + change.files() + " on branch " + change.branch() + " (not pushed)");
        } else {
            cutover.ports().workloads().deleteWorkloadAndService(cutover.sourceWorkload(), s.service());
        }
        if (cutover.options().deleteVolume()) {
            deleteVolume(m, ctx);
        }
        // The old URL (with the old password) kept for a rollback that can no longer happen.
        Optional.ofNullable(m.facts().get(Facts.ENV_BEFORE)).ifPresent(before ->
                cutover.ports().workloads().forgetEnv(cutover.app(), before));
        if (FencedSource.fenced(m.facts())) {
            // The fenced source is gone, so nothing will ever need to lift its fence or log in under it.
            cutover.ports().secrets().delete(s.namespace(), new FencedSource(cutover, ctx.clock()).secretName());
        }
    }

    /** A drifted app reads the old database again: retiring it would be the outage ({@link AppDrift}). */
    private void refuseIfTheAppDrifted() {
        new AppDrift(cutover).find().ifPresent(drift -> {
            throw new RefusedException(drift + "; the old database is its database again, so nothing is retired."
                    + " Point it back (merge the branch, or rerun migrate) and retire again");
        });
    }

    /**
     * The old database must not have changed since its copy was verified: a write there after the cutover (a
     * superuser, a forgotten CronJob) would be lost with it. The XID witness first; when it moved, the row-change
     * counters tell an ANALYZE or autovacuum (nothing to lose) from a write.
     */
    private void recheckSource(JournalState m, StepContext ctx) {
        var source = cutover.source(m.facts(), ctx.clock());
        String verifiedXid = m.facts().get(Facts.XID_VERIFIED);
        long xid = Witnesses.sourceXid(source);
        if (verifiedXid == null || xid != Long.parseLong(verifiedXid)) {
            long rows = Witnesses.rowChanges(source);
            String verifiedRows = m.facts().get(Facts.ROW_CHANGES_VERIFIED);
            if (verifiedRows != null && rows > Long.parseLong(verifiedRows)) {
                throw new RefusedException("the old database " + cutover.sourceWorkload() + " took "
                        + (rows - Long.parseLong(verifiedRows)) + " row change(s) since its copy was verified (XID "
                        + verifiedXid + " -> " + xid + "); retiring it would lose them: find who wrote there, copy"
                        + " what matters to the new home, then retire");
            }
            ctx.listener().onNotice("old database: XID moved " + verifiedXid + " -> " + xid + " since the copy, "
                    + (verifiedRows == null ? "row changes not recorded" : "with no row changed (maintenance)"));
        }
        ctx.putFact(Facts.SOURCE_RECHECKED, ctx.clock().instant().toString());
    }

    private void deleteVolume(JournalState m, StepContext ctx) {
        var s = cutover.config().source();
        String pvc = m.facts().get(Facts.PVC);
        if (pvc == null || cutover.config().retire().protectedPvcs().contains(pvc)) {
            throw new RefusedException("refusing to delete PVC '" + pvc + "': it is not the volume proven at preflight");
        }
        List<String> users = cutover.ports().volumes().podsMounting(s.namespace(), pvc);
        if (!users.isEmpty()) {
            throw new RefusedException("PVC " + s.namespace() + "/" + pvc + " is mounted by " + users + "; not deleting it");
        }
        cutover.ports().volumes().deletePvc(s.namespace(), pvc, m.facts().get(Facts.PVC_UID),
                m.facts().get(Facts.PVC_RESOURCE_VERSION));
        ctx.listener().onNotice("deleted PVC " + s.namespace() + "/" + pvc + " (uid " + m.facts().get(Facts.PVC_UID)
                + "); its PV " + m.facts().get(Facts.PV) + " is Retain, so the data stays on the node until you free it");
    }

    private static String status(JournalState m, String step) {
        return m.step(step).map(r -> r.status().name().toLowerCase()).orElse("not run");
    }
}
