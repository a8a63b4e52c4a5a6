package dev.rehome.kubectl.inventory;

import dev.rehome.core.audit.AuditFinding;
import dev.rehome.core.audit.Coverage;
import dev.rehome.core.audit.Severity;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Coverage rules on hand-built inventories: no API server, one rule per test. */
class CoverageRulesTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-26T12:00:00Z"), ZoneOffset.UTC);
    private static final KubernetesSerialization YAML = new KubernetesSerialization();

    private static GenericKubernetesResource cr(String yaml) {
        return YAML.unmarshal(yaml, GenericKubernetesResource.class);
    }

    private static ClusterInventory inventory(Map<CustomKind, List<GenericKubernetesResource>> custom) {
        return new ClusterInventory(List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(),
                custom, List.of(), 0);
    }

    private static GenericKubernetesResource cluster(String backup, String status) {
        return cr("""
                apiVersion: postgresql.cnpg.io/v1
                kind: Cluster
                metadata: {name: db, namespace: pg}
                spec:
                  instances: 3
                %s
                status:
                %s
                """.formatted(backup, status));
    }

    private static final String BARMAN = "  backup: {retentionPolicy: 7d, barmanObjectStore: {destinationPath: 's3://b/'}}";
    private static final String SCHEDULE = """
            apiVersion: postgresql.cnpg.io/v1
            kind: ScheduledBackup
            metadata: {name: db-daily, namespace: pg}
            spec: {schedule: '0 0 2 * * *', cluster: {name: db}}
            """;

    private static AuditFinding assessCnpg(GenericKubernetesResource cluster, List<GenericKubernetesResource> schedules) {
        Map<CustomKind, List<GenericKubernetesResource>> custom = new EnumMap<>(CustomKind.class);
        custom.put(CustomKind.CNPG_SCHEDULED_BACKUP, schedules);
        ClusterInventory inventory = inventory(custom);
        return new CnpgClusterAssessor(inventory, new StorageIndex(inventory), CLOCK).assess(cluster);
    }

    @Test
    void freshBarmanBackupWithASixFieldScheduleIsCovered() {
        AuditFinding finding = assessCnpg(cluster(BARMAN, "  lastSuccessfulBackup: '2026-11-26T02:00:00Z'"),
                List.of(cr(SCHEDULE)));

        assertThat(finding.coverage()).isEqualTo(Coverage.CNPG);
        assertThat(finding.severity()).isEqualTo(Severity.INFO);
    }

    @Test
    void backupOlderThanTheRetentionWindowIsStale() {
        AuditFinding finding = assessCnpg(cluster(BARMAN, "  lastSuccessfulBackup: '2026-11-10T02:00:00Z'"),
                List.of(cr(SCHEDULE)));

        assertThat(finding.severity()).isEqualTo(Severity.HIGH);
        assertThat(finding.reasons().get(0)).startsWith("stale: the newest completed backup is 16d old");
    }

    @Test
    void aDailyScheduleWhoseLastBackupIsThreeDaysOldIsStaleInsideTheRetentionWindow() {
        AuditFinding finding = assessCnpg(cluster(BARMAN, "  lastSuccessfulBackup: '2026-11-23T02:00:00Z'"),
                List.of(cr(SCHEDULE)));

        assertThat(finding.severity()).isEqualTo(Severity.HIGH);
        assertThat(finding.reasons().get(0)).isEqualTo("stale: the newest completed backup is 3d old, outside two "
                + "periods of its ScheduledBackup (2d)");
        assertThat(finding.lastBackup()).isEqualTo(Instant.parse("2026-11-23T02:00:00Z"));
        assertThat(finding.dataLossWindow()).isEqualTo(java.time.Duration.ofHours(82));
    }

    @Test
    void freshBackupsWithWorkingArchivingLoseAtMostTheArchiveTimeout() {
        AuditFinding finding = assessCnpg(cluster(BARMAN, "  lastSuccessfulBackup: '2026-11-26T02:00:00Z'\n"
                + "  conditions: [{type: ContinuousArchiving, status: 'True'}]"), List.of(cr(SCHEDULE)));

        assertThat(finding.dataLossWindow()).isEqualTo(java.time.Duration.ofMinutes(5));
        assertThat(finding.evidence()).extracting(dev.rehome.core.audit.Evidence::describe).contains(
                "Cluster pg/db spec.backup.barmanObjectStore.destinationPath=s3://b/: WALs and base backups go to this object store",
                "Cluster pg/db status.conditions[ContinuousArchiving].status=True: WAL archiving state");
    }

    @Test
    void failingArchivingOrLastBackupIsHigh() {
        AuditFinding archiving = assessCnpg(cluster(BARMAN, "  lastSuccessfulBackup: '2026-11-26T02:00:00Z'\n"
                        + "  conditions: [{type: ContinuousArchiving, status: 'False', message: 'upload failed'}]"),
                List.of(cr(SCHEDULE)));
        AuditFinding lastBackup = assessCnpg(cluster(BARMAN, "  lastSuccessfulBackup: '2026-11-26T02:00:00Z'\n"
                        + "  conditions: [{type: LastBackupSucceeded, status: 'False', message: 'no space'}]"),
                List.of(cr(SCHEDULE)));

        assertThat(archiving.severity()).isEqualTo(Severity.HIGH);
        assertThat(archiving.reasons().get(0)).contains("WAL archiving is failing: upload failed");
        assertThat(lastBackup.reasons().get(0)).contains("the last backup failed: no space");
    }

    @Test
    void noScheduledBackupIsMedium() {
        AuditFinding finding = assessCnpg(cluster(BARMAN, "  lastSuccessfulBackup: '2026-11-26T02:00:00Z'"), List.of());

        assertThat(finding.severity()).isEqualTo(Severity.MEDIUM);
        assertThat(finding.reasons().get(0)).startsWith("no ScheduledBackup");
    }

    @Test
    void aDisabledPluginOrSkippedWalArchivingIsNoObjectStore() {
        AuditFinding disabled = assessCnpg(cluster(
                        "  plugins: [{name: barman-cloud.cloudnative-pg.io, enabled: false, isWALArchiver: true}]", "  {}"),
                List.of(cr(SCHEDULE)));
        GenericKubernetesResource skipped = cluster(BARMAN, "  {}");
        skipped.getMetadata().setAnnotations(Map.of("cnpg.io/skipWalArchiving", "enabled"));

        assertThat(disabled.coverage()).isEqualTo(Coverage.NONE);
        assertThat(disabled.severity()).as("3 instances copy each other").isEqualTo(Severity.HIGH);
        assertThat(assessCnpg(skipped, List.of()).coverage()).isEqualTo(Coverage.NONE);
    }

    private static final String POSTGRES_DEPLOYMENT = """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: db, namespace: team-1}
            spec:
              template:
                metadata: {labels: {app: db}}
                spec:
                  containers:
                  - {name: pg, image: 'postgres:16', volumeMounts: [{name: data, mountPath: /var/lib/postgresql/data}]}
                  volumes:
                  - {name: data, persistentVolumeClaim: {claimName: db-data}}
            """;

    /** The claim db-data on a CSI volume whose driver has a VolumeSnapshotClass: what Velero can snapshot. */
    private static final String CSI_CLAIM = """
            apiVersion: v1
            kind: PersistentVolumeClaim
            metadata: {name: db-data, namespace: team-1}
            spec: {storageClassName: longhorn, volumeName: pv-db-data}
            """;
    private static final String CSI_VOLUME = """
            apiVersion: v1
            kind: PersistentVolume
            metadata: {name: pv-db-data}
            spec: {storageClassName: longhorn, csi: {driver: driver.longhorn.io, volumeHandle: pv-db-data}}
            """;
    private static final String SNAPSHOT_CLASS = """
            apiVersion: snapshot.storage.k8s.io/v1
            kind: VolumeSnapshotClass
            metadata: {name: longhorn-snapshots}
            driver: driver.longhorn.io
            deletionPolicy: Delete
            """;

    private static List<Verdict> velero(String schedule, String... backups) {
        Map<CustomKind, List<GenericKubernetesResource>> custom = new EnumMap<>(CustomKind.class);
        custom.put(CustomKind.VELERO_SCHEDULE, List.of(cr(schedule)));
        custom.put(CustomKind.VELERO_BACKUP, java.util.Arrays.stream(backups).map(CoverageRulesTest::cr).toList());
        custom.put(CustomKind.VOLUME_SNAPSHOT_CLASS, List.of(cr(SNAPSHOT_CLASS)));
        ClusterInventory inventory = new ClusterInventory(List.of(), List.of(), List.of(), List.of(),
                List.of(YAML.unmarshal(CSI_CLAIM, io.fabric8.kubernetes.api.model.PersistentVolumeClaim.class)),
                List.of(YAML.unmarshal(CSI_VOLUME, io.fabric8.kubernetes.api.model.PersistentVolume.class)),
                List.of(), custom, List.of(), 0);
        Workload workload = Workload.of(YAML.unmarshal(POSTGRES_DEPLOYMENT, Deployment.class));
        StorageIndex storage = new StorageIndex(inventory);
        DataStore store = new DataStoreDetector(storage).detect(workload).orElseThrow();
        return new VeleroCoverage(inventory, new VolumeCapture(inventory, storage), new ScheduleRuns(inventory, CLOCK))
                .evaluate(store);
    }

    private static String schedule(String template) {
        return """
                apiVersion: velero.io/v1
                kind: Schedule
                metadata: {name: nightly, namespace: velero}
                spec:
                  template:
                %s
                """.formatted(template);
    }

    private static String backup(String name, String phase, String started) {
        return """
                apiVersion: velero.io/v1
                kind: Backup
                metadata: {name: %s, namespace: velero, labels: {velero.io/schedule-name: nightly}}
                status: {phase: %s, startTimestamp: '%s', completionTimestamp: '%s'}
                """.formatted(name, phase, started, started);
    }

    @Test
    void veleroGlobsSelectNamespacesAndSnapshotsCountForNetworkStorage() {
        List<Verdict> evidence = velero(schedule("    includedNamespaces: ['team-*']"),
                backup("b1", "Completed", "2026-11-26T03:00:00Z"));

        assertThat(evidence).singleElement().satisfies(e -> {
            assertThat(e).isInstanceOf(Verdict.Protects.class);
            assertThat(e.coverage()).isEqualTo(Coverage.VELERO);
            assertThat(e.issues()).isEmpty();
            assertThat(e.evidence()).extracting(dev.rehome.core.audit.Evidence::describe)
                    .contains("PersistentVolume pv-db-data spec.csi.driver=driver.longhorn.io: a CSI volume",
                            "VolumeSnapshotClass longhorn-snapshots driver=driver.longhorn.io: the driver can take snapshots");
        });
    }

    @Test
    void veleroExcludedOrPausedOrOtherLabelsDoNotCover() {
        assertThat(velero(schedule("    excludedNamespaces: [team-1]"))).isEmpty();
        assertThat(velero(schedule("    labelSelector: {matchLabels: {app: web}}"))).isEmpty();
        assertThat(velero(schedule("    includedNamespaces: [team-1]").replace("spec:\n", "spec:\n  paused: true\n")))
                .isEmpty();
    }

    @Test
    void aFailedNewestVeleroBackupIsHigh() {
        List<Verdict> evidence = velero(schedule("    includedNamespaces: [team-1]"),
                backup("old", "Completed", "2026-11-25T03:00:00Z"),
                backup("new", "PartiallyFailed", "2026-11-26T03:00:00Z"));

        assertThat(evidence.get(0)).isInstanceOf(Verdict.Stale.class);
        assertThat(evidence.get(0).issues()).extracting(Issue::severity).contains(Severity.HIGH);
        assertThat(evidence.get(0).issues()).extracting(Issue::reason).anySatisfy(r -> assertThat(r)
                .startsWith("failing: the newest run of velero schedule velero/nightly (Backup velero/new) is PartiallyFailed"));
    }

    @Test
    void aVeleroBackupStillStartingHasNoPhaseAndIsNotARun() {
        String starting = """
                apiVersion: velero.io/v1
                kind: Backup
                metadata: {name: just-created, namespace: velero, labels: {velero.io/schedule-name: nightly}}
                """;
        List<Verdict> evidence = velero(schedule("    includedNamespaces: [team-1]"),
                backup("b1", "Completed", "2026-11-26T03:00:00Z"), starting);

        assertThat(evidence).singleElement().isInstanceOf(Verdict.Protects.class);
    }
}
