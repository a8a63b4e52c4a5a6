package dev.rehome.core.cutover;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** A CNPG Backup's name, phase and, once completed, when. */
public record BackupStatus(String name, String phase, Optional<Instant> completedAt, Optional<String> backupId) {
    public BackupStatus {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(completedAt, "completedAt");
        Objects.requireNonNull(backupId, "backupId");
    }

    public boolean completed() {
        return "completed".equals(phase);
    }

    public boolean failed() {
        return "failed".equals(phase);
    }
}
