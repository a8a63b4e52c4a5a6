package dev.rehome.kubectl.cutover;

import dev.rehome.core.cutover.BackupStatus;
import dev.rehome.core.cutover.Backups;
import dev.rehome.core.OperationFailedException;
import dev.rehome.kubectl.NamespacedName;
import dev.rehome.kubectl.backup.BackupOutcome;
import dev.rehome.kubectl.backup.OnDemandBackups;
import dev.rehome.kubectl.backup.ScheduledBackupInspector;
import dev.rehome.kubectl.discovery.TargetDiscovery;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/** CNPG backups through backend-kubectl: on-demand Backup, its outcome, and the cluster's ScheduledBackup. */
public final class KubeBackups implements Backups {
    private final OnDemandBackups backups;
    private final ScheduledBackupInspector schedules;
    private final TargetDiscovery targets;

    public KubeBackups(OnDemandBackups backups, ScheduledBackupInspector schedules, TargetDiscovery targets) {
        this.backups = Objects.requireNonNull(backups, "backups");
        this.schedules = Objects.requireNonNull(schedules, "schedules");
        this.targets = Objects.requireNonNull(targets, "targets");
    }

    @Override
    public void start(String namespace, String cluster, String name) {
        NamespacedName ref = new NamespacedName(namespace, cluster);
        backups.start(ref, targets.discover(ref).backup(), name);
    }

    @Override
    public BackupStatus await(String namespace, String name, Duration deadline) {
        BackupOutcome outcome = backups.await(new NamespacedName(namespace, name), deadline);
        if (outcome instanceof BackupOutcome.Completed c) {
            return new BackupStatus(name, "completed", c.stoppedAt(), Optional.of(c.backupId()));
        }
        BackupOutcome.Failed f = (BackupOutcome.Failed) outcome;
        throw new OperationFailedException("Backup " + namespace + "/" + name + " ended " + f.phase() + ": " + f.error());
    }

    @Override
    public Optional<Schedule> schedule(String namespace, String cluster) {
        return schedules.inspect(new NamespacedName(namespace, cluster)).stream().findFirst()
                .map(r -> new Schedule(r.name(), r.schedule(), r.suspended(), r.nextRun()));
    }
}
