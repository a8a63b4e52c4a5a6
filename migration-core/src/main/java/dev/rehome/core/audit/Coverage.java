package dev.rehome.core.audit;

import java.util.Locale;

/** What backs a data store up, as decided by the audit. */
public enum Coverage {
    /** CloudNativePG with WALs and base backups in an object store. */
    CNPG,
    /** A Velero Schedule that includes the workload's namespace and volumes. */
    VELERO,
    /** A Kasten K10 policy that selects the workload's namespace. */
    K10,
    /** VolumeSnapshots of the data volumes taken on a schedule. */
    SNAPSHOTS,
    /** Nothing backs the data up. */
    NONE,
    /** The audit could not read enough to decide (RBAC, missing permissions). */
    UNKNOWN;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean isCovered() {
        return this != NONE && this != UNKNOWN;
    }
}
