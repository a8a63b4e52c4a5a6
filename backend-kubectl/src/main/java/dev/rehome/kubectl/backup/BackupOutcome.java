package dev.rehome.kubectl.backup;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** How an on-demand CNPG Backup ended. */
public sealed interface BackupOutcome {
    String backupName();

    /** {@code status.phase: completed}, with Barman's backup ID and when the backup stopped. */
    record Completed(String backupName, String backupId, Optional<Instant> startedAt, Optional<Instant> stoppedAt)
            implements BackupOutcome {
        public Completed {
            Objects.requireNonNull(backupName, "backupName");
            Objects.requireNonNull(backupId, "backupId");
            Objects.requireNonNull(startedAt, "startedAt");
            Objects.requireNonNull(stoppedAt, "stoppedAt");
        }
    }

    /** {@code failed}, {@code walArchivingFailing} or an invalid definition, with CNPG's error text. */
    record Failed(String backupName, String phase, String error) implements BackupOutcome {
        public Failed {
            Objects.requireNonNull(backupName, "backupName");
            Objects.requireNonNull(phase, "phase");
            error = error == null ? "" : error;
        }
    }
}
