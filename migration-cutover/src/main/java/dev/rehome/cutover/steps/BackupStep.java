package dev.rehome.cutover.steps;

import dev.rehome.core.Step;
import dev.rehome.core.StepContext;
import dev.rehome.core.cutover.BackupStatus;
import dev.rehome.core.cutover.Backups;
import dev.rehome.core.cutover.CutoverNames;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Proves the new home is covered: an on-demand CNPG Backup of the cluster reaches {@code completed}, and the
 * ScheduledBackup exists and is not suspended, so the report can say when the next daily backup includes the
 * database.
 */
public final class BackupStep implements Step {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);
    private final Cutover cutover;

    public BackupStep(Cutover cutover) {
        this.cutover = Objects.requireNonNull(cutover, "cutover");
    }

    @Override
    public String id() {
        return "prove-backup";
    }

    @Override
    public String title() {
        return "Prove coverage: on-demand Backup of " + cutover.config().target().cluster() + " completes";
    }

    @Override
    public List<String> plannedChanges(StepContext context) {
        var t = cutover.config().target();
        return List.of("changes: Backup " + t.namespace() + "/rehome-" + t.database() + "-<time> (cluster " + t.cluster()
                + "), wait for phase completed", "reads: ScheduledBackup of " + t.namespace() + "/" + t.cluster());
    }

    @Override
    public void run(StepContext ctx) {
        var t = cutover.config().target();
        Backups backups = cutover.ports().backups();
        if (ctx.fact(Facts.BACKUP_NAME).isEmpty()) {
            ctx.putFact(Facts.BACKUP_NAME, "rehome-" + CutoverNames.inObjectName(t.database()) + "-" + STAMP.format(ctx.clock().instant()));
        }
        String name = ctx.requireFact(Facts.BACKUP_NAME);
        backups.start(t.namespace(), t.cluster(), name);
        BackupStatus status = backups.await(t.namespace(), name, cutover.config().deadlines().backup());
        ctx.putFact(Facts.BACKUP_ID, status.backupId().orElse(name));
        ctx.putFact(Facts.BACKUP_COMPLETED_AT, status.completedAt().map(Object::toString).orElse("?"));
        Optional<Backups.Schedule> schedule = backups.schedule(t.namespace(), t.cluster());
        if (schedule.isEmpty()) {
            ctx.putFact(Facts.SCHEDULE, "none: no ScheduledBackup for " + t.cluster() + "; only this on-demand backup covers it");
        } else {
            Backups.Schedule s = schedule.get();
            ctx.putFact(Facts.SCHEDULE, s.name() + " '" + s.cron() + "'" + (s.suspended() ? " (SUSPENDED)" : ""));
            s.nextRun().ifPresent(next -> ctx.putFact(Facts.NEXT_DAILY, next.toString()));
        }
        ctx.listener().onNotice("backup " + name + " completed at " + ctx.requireFact(Facts.BACKUP_COMPLETED_AT)
                + "; schedule: " + ctx.requireFact(Facts.SCHEDULE));
    }
}
