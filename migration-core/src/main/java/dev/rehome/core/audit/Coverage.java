package dev.rehome.core.audit;

import java.util.Locale;

/** What backs a data store up, as decided by the audit. */
public enum Coverage {
    /** CloudNativePG with WALs and base backups in an object store. */
    CNPG,
    /** A Velero Schedule that selects the pod and can capture its data volumes (file-system backup or CSI snapshot). */
    VELERO,
    /** A Kasten K10 policy that selects the workload's namespace and has run successfully. */
    K10,
    /** VolumeSnapshots of the data volumes taken on a schedule. */
    SNAPSHOTS,
    /** The database's own operator backs it up off the node (Zalando WAL-G or logical backups, Crunchy pgBackRest). */
    OPERATOR,
    /** A CronJob dumps the database (pg_dump, mysqldump, mongodump) to somewhere off the node. */
    DUMP,
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
