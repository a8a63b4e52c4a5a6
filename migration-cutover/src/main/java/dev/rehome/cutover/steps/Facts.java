package dev.rehome.cutover.steps;

/** Keys of the facts the steps journal; none of them holds a secret. */
public final class Facts {
    public static final String SOURCE_MAJOR = "source.major";
    public static final String TARGET_MAJOR = "target.major";
    public static final String PVC = "source.pvc";
    public static final String PVC_UID = "source.pvc.uid";
    public static final String PVC_RESOURCE_VERSION = "source.pvc.resourceVersion";
    public static final String PV = "source.pv";
    public static final String NETWORK = "network.verdict";
    public static final String ARGO = "app.managedByArgo";
    public static final String INVARIANT_LIVE = "invariant.live.";
    public static final String INVARIANT_BEFORE = "invariant.before.";
    public static final String INVARIANT_TARGET = "invariant.target.";
    public static final String INVARIANT_AFTER = "invariant.after.";
    public static final String XID_FINGERPRINT = "source.xid.fingerprint";
    public static final String XID_FENCED = "source.xid.fenced";
    public static final String XID_VERIFIED = "source.xid.verified";
    public static final String ROW_CHANGES_VERIFIED = "source.rowChanges.verified";
    public static final String SOURCE_RECHECKED = "retire.sourceRechecked";
    /** Preflight's estimate of the app's time at 0 replicas, and the instants the app went down and came back. */
    public static final String DOWNTIME_ESTIMATE_MILLIS = "downtime.estimateMillis";
    public static final String APP_DOWN_AT = "app.downAt";
    public static final String APP_UP_AT = "app.upAt";
    public static final String REPLICAS_BEFORE = "app.replicas.before";
    public static final String ENV_BEFORE = "app.env.before";
    public static final String FENCED = "source.fenced";
    public static final String COPY_ENGINE = "copy.engine";
    public static final String COPY_ROWS = "copy.rows";
    public static final String COPY_BYTES = "copy.bytes";
    public static final String COPY_MILLIS = "copy.millis";
    public static final String VERIFY_CHECKS = "verify.checks";
    public static final String VERIFY_TABLES = "verify.tables";
    public static final String VERIFY_SEQUENCES = "verify.sequences";
    public static final String VERIFY_NOTICE = "verify.notice";
    public static final String CUTOVER_AT = "cutover.at";
    public static final String GITOPS_BRANCH = "gitops.branch";
    public static final String GITOPS_COMMIT = "gitops.commit";
    public static final String BACKUP_NAME = "backup.name";
    public static final String BACKUP_ID = "backup.id";
    public static final String BACKUP_COMPLETED_AT = "backup.completedAt";
    public static final String SCHEDULE = "backup.schedule";
    public static final String NEXT_DAILY = "backup.nextDaily";
    public static final String RESTORE_STATUS = "restore.status";
    public static final String RESTORE_ROWS = "restore.rowsCompared";
    public static final String RESTORE_SECONDS = "restore.secondsToRestore";
    public static final String RESTORE_DETAIL = "restore.detail";
    public static final String RESTORE_SKIPPED_BECAUSE = "restore.skippedBecause";

    private Facts() {
    }
}
