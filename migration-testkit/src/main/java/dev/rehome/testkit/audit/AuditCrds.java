package dev.rehome.testkit.audit;

import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;

import java.util.List;

/** CRDs of the backup tools the audit knows, to install (or leave out of) a {@link SimulatedApiServer}. */
public final class AuditCrds {
    public static final CustomResourceDefinitionContext CNPG_CLUSTER = crd("postgresql.cnpg.io", "v1", "Cluster", "clusters");
    public static final CustomResourceDefinitionContext CNPG_BACKUP = crd("postgresql.cnpg.io", "v1", "Backup", "backups");
    public static final CustomResourceDefinitionContext CNPG_SCHEDULED_BACKUP =
            crd("postgresql.cnpg.io", "v1", "ScheduledBackup", "scheduledbackups");
    public static final CustomResourceDefinitionContext BARMAN_OBJECT_STORE =
            crd("barmancloud.cnpg.io", "v1", "ObjectStore", "objectstores");
    public static final CustomResourceDefinitionContext VELERO_SCHEDULE = crd("velero.io", "v1", "Schedule", "schedules");
    public static final CustomResourceDefinitionContext VELERO_BACKUP = crd("velero.io", "v1", "Backup", "backups");
    public static final CustomResourceDefinitionContext K10_POLICY =
            crd("config.kio.kasten.io", "v1alpha1", "Policy", "policies");
    /** K10's run records, in the application's namespace. */
    public static final CustomResourceDefinitionContext K10_BACKUP_ACTION =
            crd("actions.kio.kasten.io", "v1alpha1", "BackupAction", "backupactions");
    public static final CustomResourceDefinitionContext VOLUME_SNAPSHOT =
            crd("snapshot.storage.k8s.io", "v1", "VolumeSnapshot", "volumesnapshots");
    public static final CustomResourceDefinitionContext VOLUME_SNAPSHOT_CLASS = new CustomResourceDefinitionContext
            .Builder().withGroup("snapshot.storage.k8s.io").withVersion("v1").withKind("VolumeSnapshotClass")
            .withPlural("volumesnapshotclasses").withName("volumesnapshotclasses.snapshot.storage.k8s.io")
            .withScope("Cluster").build();
    public static final CustomResourceDefinitionContext ZALANDO_POSTGRESQL =
            crd("acid.zalan.do", "v1", "postgresql", "postgresqls");
    public static final CustomResourceDefinitionContext CRUNCHY_POSTGRES_CLUSTER =
            crd("postgres-operator.crunchydata.com", "v1beta1", "PostgresCluster", "postgresclusters");

    /** What the realistic audit cluster has installed: CNPG (+ barman plugin), Velero and K10; no snapshot CRDs. */
    public static final List<CustomResourceDefinitionContext> REALISTIC = List.of(CNPG_CLUSTER, CNPG_BACKUP,
            CNPG_SCHEDULED_BACKUP, BARMAN_OBJECT_STORE, VELERO_SCHEDULE, VELERO_BACKUP, K10_POLICY, K10_BACKUP_ACTION);

    /** Every backup tool and operator the audit knows, snapshot CRDs included: the layouts cluster. */
    public static final List<CustomResourceDefinitionContext> EVERYTHING = List.of(CNPG_CLUSTER, CNPG_BACKUP,
            CNPG_SCHEDULED_BACKUP, BARMAN_OBJECT_STORE, VELERO_SCHEDULE, VELERO_BACKUP, K10_POLICY, K10_BACKUP_ACTION,
            VOLUME_SNAPSHOT, VOLUME_SNAPSHOT_CLASS, ZALANDO_POSTGRESQL, CRUNCHY_POSTGRES_CLUSTER);

    private AuditCrds() {
    }

    private static CustomResourceDefinitionContext crd(String group, String version, String kind, String plural) {
        return new CustomResourceDefinitionContext.Builder().withGroup(group).withVersion(version).withKind(kind)
                .withPlural(plural).withName(plural + "." + group).withScope("Namespaced").build();
    }
}
