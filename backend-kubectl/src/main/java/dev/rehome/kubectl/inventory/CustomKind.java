package dev.rehome.kubectl.inventory;

import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;

/**
 * The custom resources the audit reads. Listed with an explicit plural so fabric8 needs no discovery request.
 */
enum CustomKind {
    CNPG_CLUSTER("postgresql.cnpg.io", "v1", "Cluster", "clusters"),
    CNPG_BACKUP("postgresql.cnpg.io", "v1", "Backup", "backups"),
    CNPG_SCHEDULED_BACKUP("postgresql.cnpg.io", "v1", "ScheduledBackup", "scheduledbackups"),
    BARMAN_OBJECT_STORE("barmancloud.cnpg.io", "v1", "ObjectStore", "objectstores"),
    VELERO_SCHEDULE("velero.io", "v1", "Schedule", "schedules"),
    VELERO_BACKUP("velero.io", "v1", "Backup", "backups"),
    K10_POLICY("config.kio.kasten.io", "v1alpha1", "Policy", "policies"),
    /** Run records of K10 policies, in the application's namespace. */
    K10_BACKUP_ACTION("actions.kio.kasten.io", "v1alpha1", "BackupAction", "backupactions"),
    VOLUME_SNAPSHOT("snapshot.storage.k8s.io", "v1", "VolumeSnapshot", "volumesnapshots"),
    /** Cluster-scoped: which CSI drivers can be snapshotted at all. */
    VOLUME_SNAPSHOT_CLASS("snapshot.storage.k8s.io", "v1", "VolumeSnapshotClass", "volumesnapshotclasses", false),
    SNAPSHOT_SCHEDULE("snapscheduler.backube", "v1", "SnapshotSchedule", "snapshotschedules"),
    /** Zalando postgres-operator clusters. */
    ZALANDO_POSTGRESQL("acid.zalan.do", "v1", "postgresql", "postgresqls"),
    /** Crunchy PGO v5 clusters. */
    CRUNCHY_POSTGRES_CLUSTER("postgres-operator.crunchydata.com", "v1beta1", "PostgresCluster", "postgresclusters");

    private final String group;
    private final String version;
    private final String kind;
    private final String plural;
    private final boolean namespaced;

    CustomKind(String group, String version, String kind, String plural) {
        this(group, version, kind, plural, true);
    }

    CustomKind(String group, String version, String kind, String plural, boolean namespaced) {
        this.group = group;
        this.version = version;
        this.kind = kind;
        this.plural = plural;
        this.namespaced = namespaced;
    }

    boolean namespaced() {
        return namespaced;
    }

    /** The kind as evidence names objects of it: {@code Schedule}. */
    String kind() {
        return kind;
    }

    ResourceDefinitionContext context() {
        return new ResourceDefinitionContext.Builder()
                .withGroup(group).withVersion(version).withKind(kind).withPlural(plural).withNamespaced(namespaced).build();
    }

    /** The name kubectl would print: {@code schedules.velero.io}. */
    String displayName() {
        return plural + "." + group;
    }
}
