package dev.rehome.kubectl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rehome.kubectl.backup.BackupOutcome;
import dev.rehome.kubectl.discovery.SourceDatabase;
import dev.rehome.kubectl.discovery.TargetCluster;
import dev.rehome.kubectl.retry.KubeRetry;
import dev.rehome.testkit.cluster.ClusterSeeds;
import dev.rehome.testkit.kube.InProcessCluster;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The facade against the testkit's in-process cluster (CNPG CRDs with status subresources, a fake operator). */
@Timeout(120)
class KubeBackendIT {
    @Test
    void discoversBothEndsChecksTheNetworkAndTakesABackupTheFakeOperatorCompletes() {
        try (InProcessCluster cluster = InProcessCluster.start()) {
            // Real waits (watches, polls) need a clock that moves; the seeds are dated for the same clock.
            Clock clock = Clock.systemUTC();
            ClusterSeeds.applyTo(cluster.client(), clock);
            cluster.startCnpgOperator(clock).completeBackups();
            KubeBackend kube = KubeBackend.builder(cluster.client()).clock(clock).pollInterval(Duration.ofMillis(100))
                    .retry(KubeRetry.of(3, Duration.ofMillis(50))).build();

            SourceDatabase source = kube.sources().discover(NamespacedName.parse("basketball-api/postgres"));
            TargetCluster target = kube.targets().discover(NamespacedName.parse("postgres/pal-e-postgres"));

            assertThat(source.dataVolume().claim().name()).isEqualTo("postgres-data");
            assertThat(target.healthy()).isTrue();
            assertThat(target.majorVersion()).contains(17);
            assertThat(target.backup().covered()).as(target.describe()).isTrue();
            assertThat(kube.network().check(target.cluster(), "basketball-api", Map.of("app", "basketball-api"))
                    .allowed()).isFalse();
            assertThat(kube.workloads().argoCdTracking(NamespacedName.parse("basketball-api/basketball-api"))).isPresent();

            BackupOutcome outcome = kube.backups().backupAndWait(target.cluster(), target.backup(),
                    "pal-e-postgres-rehome-basketball", Duration.ofSeconds(30));
            assertThat(outcome).isInstanceOf(BackupOutcome.Completed.class);
            assertThat(((BackupOutcome.Completed) outcome).backupId()).isNotBlank();
        }
    }
}
