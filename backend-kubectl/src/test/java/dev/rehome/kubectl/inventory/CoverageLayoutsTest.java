package dev.rehome.kubectl.inventory;

import dev.rehome.core.audit.AuditFinding;
import dev.rehome.core.audit.AuditReport;
import dev.rehome.core.audit.Coverage;
import dev.rehome.core.audit.DataConsumer;
import dev.rehome.core.audit.EngineVersion;
import dev.rehome.core.audit.Evidence;
import dev.rehome.core.audit.Severity;
import dev.rehome.kubectl.discovery.ServerVersionProbe;
import dev.rehome.testkit.audit.AuditCrds;
import dev.rehome.testkit.audit.SimulatedApiServer;
import io.fabric8.kubernetes.client.KubernetesClient;
import dev.rehome.testkit.cluster.SeedTimeline;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Every coverage verdict of the audit-layouts cluster, with the evidence it rests on. Runs on the day the fixture
 * was written and three years from today at its time of day, like {@link ClusterAuditorTest}.
 */
@Timeout(60)
@ParameterizedClass(name = "clock {0}")
@MethodSource("clocks")
class CoverageLayoutsTest {
    static final String LAYOUTS = "dev/rehome/testkit/cluster/audit-layouts.yaml";
    /** The moment the layouts' timestamps describe. */
    static final Instant SEEN_AT = Instant.parse("2026-11-26T12:00:00Z");

    private static SimulatedApiServer server;
    private static Map<String, AuditFinding> findings;

    @Parameter
    Clock clock;

    static List<Clock> clocks() {
        return List.of(Clock.fixed(SEEN_AT, ZoneOffset.UTC), SeedTimeline.yearsAhead(SEEN_AT, Clock.systemUTC(), 3));
    }

    @BeforeParameterizedClassInvocation
    static void audit(Clock clock) {
        server = SimulatedApiServer.start(AuditCrds.EVERYTHING, clock);
        server.seed(LAYOUTS, SEEN_AT);
        try (KubernetesClient client = server.newClient()) {
            AuditReport report = new ClusterAuditor(client, clock)
                    .audit(AuditScope.allNamespaces(), Optional.empty());
            findings = report.findings().stream()
                    .collect(Collectors.toMap(AuditFinding::qualifiedName, Function.identity()));
        }
    }

    @AfterParameterizedClassInvocation
    static void stop() {
        server.close();
    }

    /** A fixture instant as this run's clock sees it. */
    private Instant fixture(String instant) {
        return SeedTimeline.of(SEEN_AT, clock).at(instant);
    }

    private static String evidence(AuditFinding finding) {
        return finding.evidence().stream().map(Evidence::describe).collect(Collectors.joining("\n"));
    }

    @Test
    void everyLayoutGetsItsVerdict() {
        assertThat(findings.values())
                .extracting(AuditFinding::qualifiedName, AuditFinding::coverage, AuditFinding::severity)
                .containsExactlyInAnyOrder(
                        tuple("notes/notes-db", Coverage.NONE, Severity.CRITICAL),
                        tuple("billing/billing-db", Coverage.VELERO, Severity.MEDIUM),
                        tuple("crm/crm-postgresql", Coverage.DUMP, Severity.INFO),
                        tuple("blog/blog-db", Coverage.NONE, Severity.CRITICAL),
                        tuple("shop/mysql", Coverage.VELERO, Severity.HIGH),
                        tuple("forum/mariadb", Coverage.VELERO, Severity.HIGH),
                        tuple("chat/mongo", Coverage.NONE, Severity.CRITICAL),
                        tuple("cache/redis", Coverage.K10, Severity.LOW),
                        tuple("photos/photos-db", Coverage.VELERO, Severity.INFO),
                        tuple("metrics/influxdb", Coverage.NONE, Severity.CRITICAL),
                        tuple("orders/acid-orders", Coverage.OPERATOR, Severity.INFO),
                        tuple("payments/payments", Coverage.OPERATOR, Severity.INFO),
                        tuple("ops/ops-db", Coverage.NONE, Severity.CRITICAL));
    }

    @Test
    void theHostPathTrapIsNoneAndCriticalAndSaysWhy() {
        AuditFinding notes = findings.get("notes/notes-db");

        assertThat(notes.reasons().get(0)).isEqualTo("no backup: velero schedule velero/apps-nightly selects it, "
                + "but saves no copy of the data: PV pvc-notes-data of claim notes-data is a hostPath PV "
                + "(/var/lib/rancher/k3s/storage/pvc-notes-data_notes_notes-data), which file-system backup skips");
        assertThat(evidence(notes)).contains(
                "Schedule velero/apps-nightly spec.template.defaultVolumesToFsBackup=true",
                "PersistentVolume pvc-notes-data spec.hostPath.path=/var/lib/rancher/k3s/storage/pvc-notes-data_notes_notes-data: a hostPath PV: file-system backup skips it");
        assertThat(notes.lastBackup()).as("the Completed backups hold no copy of it").isNull();
        assertThat(notes.dataLossWindow()).isNull();
        assertThat(notes.remedy()).startsWith("rehome-fleet plan notes/notes-db --into");
    }

    @Test
    void aCustomImageTagIsNotAServerVersion() {
        AuditFinding billing = findings.get("billing/billing-db");

        assertThat(billing.engine()).isEqualTo("postgresql");
        assertThat(billing.version().source()).isEqualTo(EngineVersion.Source.UNKNOWN);
        assertThat(billing.version().detail()).contains("ledger-db:3.1 is not an official postgresql image");
        assertThat(findings.get("crm/crm-postgresql").version())
                .isEqualTo(new EngineVersion("16.4.0", EngineVersion.Source.IMAGE,
                        "tag of official image docker.io/bitnami/postgresql:16.4.0-debian-12-r9"));
        assertThat(findings.get("orders/acid-orders").version().source()).isEqualTo(EngineVersion.Source.OPERATOR);
    }

    @Test
    void theServerItselfIsAskedWhenAProbeIsGivenAndWithoutARunningPodNothingChanges() {
        List<String> asked = new java.util.ArrayList<>();
        ServerVersionProbe probe = (namespace, pod, container) -> {
            asked.add(namespace + "/" + pod + "/" + container);
            if (!pod.startsWith("billing-db-")) {
                throw new IllegalStateException("no such pod");
            }
            return OptionalInt.of(16);
        };
        try (KubernetesClient client = server.newClient()) {
            Map<String, AuditFinding> probed = new ClusterAuditor(client, clock, probe)
                    .audit(AuditScope.allNamespaces(), Optional.empty()).findings().stream()
                    .collect(Collectors.toMap(AuditFinding::qualifiedName, Function.identity()));

            assertThat(asked).as("only running pods are asked; the layouts run just one")
                    .containsExactly("billing/billing-db-6f7c9d-x2k4q/db");
            assertThat(probed.get("billing/billing-db").engine()).isEqualTo("postgresql 16");
            assertThat(probed.get("billing/billing-db").version().source()).isEqualTo(EngineVersion.Source.SERVER);
            assertThat(probed.get("notes/notes-db").version()).isEqualTo(findings.get("notes/notes-db").version());
        }
    }

    @Test
    void freshVeleroFsBackupOfACsiClaimIsCoveredWithItsWindow() {
        AuditFinding billing = findings.get("billing/billing-db");

        assertThat(billing.lastBackup()).isEqualTo(fixture("2026-11-26T02:06:00Z"));
        assertThat(billing.dataLossWindow()).isEqualTo(Duration.ofDays(1));
        assertThat(billing.reasons().get(0)).contains("not crash-consistent");
        assertThat(evidence(billing)).contains("Backup velero/apps-nightly-20261126020000 status.phase=Completed");
    }

    @Test
    void dumpsCountOnlyWhenTheyLeaveTheNode() {
        AuditFinding crm = findings.get("crm/crm-postgresql");
        AuditFinding blog = findings.get("blog/blog-db");

        assertThat(crm.lastBackup()).isEqualTo(fixture("2026-11-26T01:04:30Z"));
        assertThat(evidence(crm)).contains("CronJob crm/crm-dump", "uploads the dump off the node");
        assertThat(blog.reasons().get(0)).startsWith("no backup: dump cronjob blog/blog-dump dumps it, but writes it "
                + "into emptyDir backup");
        assertThat(evidence(blog)).contains("spec.jobTemplate.spec.template.spec.volumes[backup].emptyDir");
    }

    @Test
    void staleFailingAndNeverCompletedSchedulesAreTold() {
        AuditFinding shop = findings.get("shop/mysql");
        AuditFinding forum = findings.get("forum/mariadb");
        AuditFinding chat = findings.get("chat/mongo");

        assertThat(shop.reasons().get(0)).startsWith("stale: the newest good backup of velero schedule velero/shop-daily is 6d old");
        assertThat(shop.dataLossWindow()).isEqualTo(Duration.between(fixture("2026-11-20T03:09:00Z"),
                clock.instant()));
        assertThat(forum.reasons().get(0)).startsWith("failing: the newest run of velero schedule velero/forum-6h "
                + "(Backup velero/forum-6h-20261126060000) is PartiallyFailed");
        assertThat(forum.lastBackup()).isEqualTo(fixture("2026-11-26T00:02:00Z"));
        assertThat(chat.reasons().get(0)).isEqualTo("no backup: velero schedule velero/chat-daily has never finished "
                + "a good backup (newest run: Failed)");
    }

    @Test
    void snapshotsNeedASnapshotClassForTheDriver() {
        assertThat(evidence(findings.get("photos/photos-db")))
                .contains("VolumeSnapshotClass ceph-rbd-snapclass driver=rbd.csi.ceph.com");
        assertThat(findings.get("photos/photos-db").dataLossWindow()).isEqualTo(Duration.ofHours(1));
        assertThat(findings.get("metrics/influxdb").reasons().get(0))
                .endsWith("no VolumeSnapshotClass for CSI driver nfs.csi.k8s.io");
    }

    @Test
    void k10NeedsACompletedRunOfThePolicy() {
        AuditFinding redis = findings.get("cache/redis");

        assertThat(redis.lastBackup()).isEqualTo(fixture("2026-11-26T00:01:10Z"));
        assertThat(evidence(redis)).contains("BackupAction cache/scheduled-cache-backup-q8z1 status.state=Complete");
    }

    @Test
    void operatorClustersAreJudgedByTheirOwnBackups() {
        assertThat(findings.get("payments/payments").lastBackup()).isEqualTo(fixture("2026-11-26T01:05:00Z"));
        assertThat(findings.get("payments/payments").dataLossWindow()).as("full on Sunday, differentials the other nights")
                .isEqualTo(Duration.ofDays(1));
        assertThat(evidence(findings.get("payments/payments"))).contains("spec.backups.pgbackrest.repos[repo1]=s3");
        assertThat(findings.get("orders/acid-orders").lastBackup()).isEqualTo(fixture("2026-11-26T00:34:10Z"));
        assertThat(evidence(findings.get("orders/acid-orders"))).contains("env[WAL_S3_BUCKET]=acme-wal");
        assertThat(String.join("\n", findings.get("ops/ops-db").reasons()))
                .contains("never finished a good backup", "every pgBackRest repository is a PVC");
        assertThat(findings).doesNotContainKeys("payments/payments-pgha1-x9z8", "orders/acid-orders-0",
                "orders/pgdata-acid-orders-0");
        assertThat(findings.get("orders/acid-orders").volumes()).extracting(v -> v.pvc()).containsExactly("pgdata-acid-orders-0");
    }

    @Test
    void consumersAreEveryWorkloadThatReachesTheServiceOrSecret() {
        assertThat(findings.get("crm/crm-postgresql").consumers())
                .extracting(DataConsumer::qualifiedName, DataConsumer::kind)
                .containsExactly(tuple("crm/crm-dump", "CronJob"), tuple("crm/crm-report", "CronJob"),
                        tuple("crm/crm-web", "Deployment"), tuple("reports/report-builder", "Deployment"));
        assertThat(findings.get("crm/crm-postgresql").consumers().get(2).via())
                .isEqualTo("env DATABASE_HOST names Service host crm-postgresql (container web); "
                        + "env DATABASE_PASSWORD from Secret crm-postgresql (container web)");
        assertThat(findings.get("crm/crm-postgresql").consumers().get(1).via())
                .contains("command names Service host crm-postgresql.crm", "volume creds mounts Secret crm-postgresql");
        assertThat(findings.get("notes/notes-db").consumers()).isEmpty();
    }
}
