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
    VOLUME_SNAPSHOT("snapshot.storage.k8s.io", "v1", "VolumeSnapshot", "volumesnapshots"),
    SNAPSHOT_SCHEDULE("snapscheduler.backube", "v1", "SnapshotSchedule", "snapshotschedules");

    private final String group;
    private final String version;
    private final String kind;
    private final String plural;

    CustomKind(String group, String version, String kind, String plural) {
        this.group = group;
        this.version = version;
        this.kind = kind;
        this.plural = plural;
    }

    ResourceDefinitionContext context() {
        return new ResourceDefinitionContext.Builder()
                .withGroup(group).withVersion(version).withKind(kind).withPlural(plural).withNamespaced(true).build();
    }

    /** The name kubectl would print: {@code schedules.velero.io}. */
    String displayName() {
        return plural + "." + group;
    }
}
