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
    public static final CustomResourceDefinitionContext VOLUME_SNAPSHOT =
            crd("snapshot.storage.k8s.io", "v1", "VolumeSnapshot", "volumesnapshots");

    /** What the realistic audit cluster has installed: CNPG (+ barman plugin), Velero and K10; no snapshot CRDs. */
    public static final List<CustomResourceDefinitionContext> REALISTIC = List.of(CNPG_CLUSTER, CNPG_BACKUP,
            CNPG_SCHEDULED_BACKUP, BARMAN_OBJECT_STORE, VELERO_SCHEDULE, VELERO_BACKUP, K10_POLICY);

    private AuditCrds() {
    }

    private static CustomResourceDefinitionContext crd(String group, String version, String kind, String plural) {
        return new CustomResourceDefinitionContext.Builder().withGroup(group).withVersion(version).withKind(kind)
                .withPlural(plural).withName(plural + "." + group).withScope("Namespaced").build();
    }
}
