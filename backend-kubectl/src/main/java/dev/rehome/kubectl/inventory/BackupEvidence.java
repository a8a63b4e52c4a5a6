package dev.rehome.kubectl.inventory;

import dev.rehome.core.audit.Coverage;

import java.time.Instant;
import java.util.List;

/**
 * What one backup mechanism does for a data store.
 *
 * @param coverage   the mechanism, or {@link Coverage#NONE} when it touches the workload but not its data
 * @param via        what provides it, e.g. {@code velero schedule velero/nightly}
 * @param lastBackup the newest completed backup, null when none is known
 * @param issues     what is wrong with it
 */
record BackupEvidence(Coverage coverage, String via, Instant lastBackup, List<Issue> issues) {
    BackupEvidence {
        issues = List.copyOf(issues);
    }
}
