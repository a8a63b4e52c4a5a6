package dev.rehome.core.cutover;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** Port: CNPG backups of the target cluster. */
public interface Backups {
    /** Creates an on-demand Backup named {@code name} unless it exists. Idempotent. */
    void start(String namespace, String cluster, String name);

    /** Waits until the Backup is completed (returns) or failed / past {@code deadline} (throws). */
    BackupStatus await(String namespace, String name, Duration deadline);

    /** The cluster's ScheduledBackup, if any: its schedule and when it next runs. */
    Optional<Schedule> schedule(String namespace, String cluster);

    record Schedule(String name, String cron, boolean suspended, Optional<Instant> nextRun) {
    }
}
