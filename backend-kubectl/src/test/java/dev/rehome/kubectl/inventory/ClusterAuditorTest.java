package dev.rehome.kubectl.inventory;

import dev.rehome.core.UnreachableException;
import dev.rehome.core.audit.AuditFinding;
import dev.rehome.core.audit.AuditReport;
import dev.rehome.core.audit.Coverage;
import dev.rehome.core.audit.Severity;
import dev.rehome.core.audit.UnreadableResource;
import dev.rehome.testkit.audit.AuditCluster;
import dev.rehome.testkit.audit.AuditCrds;
import dev.rehome.testkit.audit.SimulatedApiServer;
import dev.rehome.testkit.cluster.SeedTimeline;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Timeout;

import java.net.ServerSocket;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Runs twice: on the day the fixture was written, and three years from today at the fixture's time of day (the
 * fixture dated for that clock), so a verdict that depends on today's date fails here, not in CI a week later.
 */
@Timeout(60)
@ParameterizedClass(name = "clock {0}")
@MethodSource("clocks")
class ClusterAuditorTest {
    static final Clock CLOCK = Clock.fixed(AuditCluster.SEEN_AT, ZoneOffset.UTC);

    private static SimulatedApiServer server;
    private static KubernetesClient client;

    @Parameter
    Clock clock;

    static List<Clock> clocks() {
        return List.of(CLOCK, SeedTimeline.yearsAhead(AuditCluster.SEEN_AT, Clock.systemUTC(), 3));
    }

    @BeforeParameterizedClassInvocation
    static void start(Clock clock) {
        server = SimulatedApiServer.start(AuditCrds.REALISTIC, clock);
        server.seed(AuditCluster.RESOURCE, AuditCluster.SEEN_AT);
        client = server.newClient();
    }

    /** A fixture instant as this run's clock sees it. */
    private Instant fixture(String instant) {
        return AuditCluster.timeline(clock).at(instant);
    }

    @AfterEach
    void allowEverythingAgain() {
        server.allowEverything();
    }

    @AfterParameterizedClassInvocation
    static void stop() {
        client.close();
        server.close();
    }

    private AuditReport audit() {
        return new ClusterAuditor(client, clock).audit(AuditScope.allNamespaces(), Optional.empty());
    }

    private static Map<String, AuditFinding> byName(AuditReport report) {
        return report.findings().stream().collect(Collectors.toMap(AuditFinding::qualifiedName, Function.identity()));
    }

    @Test
    void realisticClusterGetsTheExpectedCoverageAndSeverityForEveryDataStore() {
        server.restrictToNamespaceRoles("ledger");

        AuditReport report = audit();

        assertThat(report.findings())
                .extracting(AuditFinding::qualifiedName, AuditFinding::kind, AuditFinding::coverage, AuditFinding::severity)
                .containsExactlyInAnyOrder(
                        tuple("basketball-api/postgres", "Deployment", Coverage.NONE, Severity.CRITICAL),
                        tuple("mcd-tracker/postgres", "Deployment", Coverage.NONE, Severity.CRITICAL),
                        tuple("pal-e-mail/postgres", "Deployment", Coverage.NONE, Severity.CRITICAL),
                        tuple("postgres/pal-e-postgres", "Cluster", Coverage.CNPG, Severity.INFO),
                        tuple("analytics/analytics-pg", "Cluster", Coverage.CNPG, Severity.MEDIUM),
                        tuple("reports/reports-pg", "Cluster", Coverage.NONE, Severity.CRITICAL),
                        tuple("legacy-crm/crm-postgresql", "StatefulSet", Coverage.NONE, Severity.CRITICAL),
                        tuple("shop/mysql", "Deployment", Coverage.NONE, Severity.CRITICAL),
                        tuple("cache/redis", "StatefulSet", Coverage.NONE, Severity.CRITICAL),
                        tuple("scratch/pg-scratch", "Deployment", Coverage.NONE, Severity.CRITICAL),
                        tuple("wiki/wiki-db", "Deployment", Coverage.VELERO, Severity.MEDIUM),
                        tuple("inventory/mongo", "StatefulSet", Coverage.K10, Severity.LOW),
                        tuple("mcd-tracker/postgres-data-old", "PersistentVolumeClaim", Coverage.NONE, Severity.MEDIUM),
                        tuple("ledger/*", "Namespace", Coverage.UNKNOWN, Severity.MEDIUM));
        assertThat(report.unreadable()).contains(new UnreadableResource("ledger", "pods", "forbidden"));
    }

    @Test
    void clusterWideReadersSeeTheForbiddenNamespacesDatabaseToo() {
        Map<String, AuditFinding> findings = byName(audit());

        assertThat(findings.get("ledger/ledger-db"))
                .extracting(AuditFinding::coverage, AuditFinding::severity)
                .containsExactly(Coverage.NONE, Severity.CRITICAL);
        assertThat(findings).doesNotContainKey("ledger/*").hasSize(14);
    }

    @Test
    void standalonePostgresFindingsNameTheirVolumesRisksAndTheExactPlanCommand() {
        AuditFinding basketball = byName(audit()).get("basketball-api/postgres");

        assertThat(basketball.engine()).isEqualTo("postgresql 16");
        assertThat(basketball.volumes()).singleElement().satisfies(v -> {
            assertThat(v.pvc()).isEqualTo("postgres-data");
            assertThat(v.storageClass()).isEqualTo("local-path");
            assertThat(v.reclaimPolicy()).isEqualTo("Delete");
            assertThat(v.size()).isEqualTo("1Gi");
            assertThat(v.nodeLocal()).isTrue();
        });
        assertThat(basketball.reasons()).first().asString().startsWith("no backup");
        assertThat(String.join("\n", basketball.reasons()))
                .contains("node-local storage (local-path)", "reclaim policy Delete", "single replica");
        assertThat(basketball.remedy()).isEqualTo("rehome-fleet plan basketball-api/postgres --into postgres/pal-e-postgres");
    }

    @Test
    void cnpgTrapsAreNamed() {
        Map<String, AuditFinding> findings = byName(audit());

        assertThat(findings.get("analytics/analytics-pg").reasons()).anySatisfy(r -> assertThat(r)
                .contains("5-field schedule '0 2 * * *'", "runs hourly"));
        assertThat(findings.get("analytics/analytics-pg").remedy()).contains("'0 0 2 * * *'");
        assertThat(findings.get("analytics/analytics-pg").lastBackup()).isEqualTo(fixture("2026-11-26T11:02:30Z"));
        assertThat(findings.get("reports/reports-pg").reasons()).first().asString()
                .startsWith("ContinuousArchiving is True but no object store is configured");
        assertThat(findings.get("postgres/pal-e-postgres").lastBackup()).isEqualTo(fixture("2026-11-26T02:00:40Z"));
        assertThat(findings.get("postgres/pal-e-postgres").volumes()).extracting(v -> v.pvc())
                .containsExactly("pal-e-postgres-1", "pal-e-postgres-2", "pal-e-postgres-3");
    }

    @Test
    void otherEnginesAndStorageKindsAreDescribed() {
        Map<String, AuditFinding> findings = byName(audit());

        assertThat(findings.get("legacy-crm/crm-postgresql").volumes()).extracting(v -> v.source(), v -> v.pvc())
                .containsExactly(tuple("volumeClaimTemplate", "data-crm-postgresql-0"));
        assertThat(findings.get("shop/mysql").engine()).isEqualTo("mysql 8.0.39");
        assertThat(findings.get("cache/redis").engine()).isEqualTo("redis 7.2.5");
        assertThat(findings.get("scratch/pg-scratch").reasons()).anySatisfy(r -> assertThat(r).startsWith("data on emptyDir"));
        assertThat(findings.get("wiki/wiki-db").reasons()).anySatisfy(r -> assertThat(r).contains("not crash-consistent"));
        assertThat(findings.get("wiki/wiki-db").lastBackup()).isEqualTo(fixture("2026-11-26T03:04:12Z"));
        assertThat(findings.get("inventory/mongo").volumes()).hasSize(3);
        assertThat(findings).doesNotContainKeys("cache/session-cache", "postgres/pgbouncer",
                "basketball-api/basketball-api", "postgres/pal-e-postgres-1");
    }

    @Test
    void crdsThatAreNotInstalledAreReportedNotFatal() {
        assertThat(audit().unreadable()).contains(
                new UnreadableResource(null, "volumesnapshots.snapshot.storage.k8s.io", "not installed"),
                new UnreadableResource(null, "snapshotschedules.snapscheduler.backube", "not installed"));
    }

    @Test
    void forbiddenBackupKindsLeaveCoverageUnknownInsteadOfNone() {
        server.forbid(path -> path.startsWith("/apis/velero.io/"));

        Map<String, AuditFinding> findings = byName(audit());

        assertThat(findings.get("wiki/wiki-db").coverage()).isEqualTo(Coverage.UNKNOWN);
        assertThat(findings.get("basketball-api/postgres").coverage()).isEqualTo(Coverage.UNKNOWN);
        assertThat(findings.get("basketball-api/postgres").severity()).isEqualTo(Severity.HIGH);
    }

    @Test
    void namespaceFilterKeepsOnlyThoseNamespacesButStillPicksTheMoveTarget() {
        AuditReport report = new ClusterAuditor(client, clock)
                .audit(new AuditScope(Set.of("mcd-tracker")), Optional.empty());

        assertThat(report.findings()).extracting(AuditFinding::qualifiedName)
                .containsExactly("mcd-tracker/postgres", "mcd-tracker/postgres-data-old");
        assertThat(report.findings().get(0).remedy()).endsWith("--into postgres/pal-e-postgres");
    }

    @Test
    void anExplicitMoveTargetWins() {
        AuditReport report = new ClusterAuditor(client, clock)
                .audit(AuditScope.allNamespaces(), Optional.of("db/shared"));

        assertThat(byName(report).get("pal-e-mail/postgres").remedy())
                .isEqualTo("rehome-fleet plan pal-e-mail/postgres --into db/shared");
    }

    @Test
    void sendsOnlyReadRequests() {
        server.clearRequests();

        audit();

        assertThat(server.requests()).isNotEmpty().allSatisfy(r -> assertThat(r).startsWith("GET "));
    }

    @Test
    void unreachableApiIsAnUnreachableException() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Config config = new ConfigBuilder(Config.empty()).withMasterUrl("http://127.0.0.1:" + port)
                .withRequestRetryBackoffLimit(0).withConnectionTimeout(2000).build();
        try (KubernetesClient dead = new KubernetesClientBuilder().withConfig(config).build()) {
            assertThatThrownBy(() -> new ClusterAuditor(dead, clock).audit(AuditScope.allNamespaces(), Optional.empty()))
                    .isInstanceOf(UnreachableException.class)
                    .hasMessageContaining("cannot reach the Kubernetes API at http://127.0.0.1:" + port);
        }
    }

    @Test
    void findingsAreSortedWorstFirst() {
        List<Severity> severities = audit().findings().stream().map(AuditFinding::severity).toList();

        assertThat(severities).isSorted();
    }
}
