package dev.rehome.kubectl.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rehome.core.OperationFailedException;
import dev.rehome.core.RefusedException;
import dev.rehome.kubectl.FakeClock;
import dev.rehome.kubectl.Fields;
import dev.rehome.kubectl.MockCluster;
import dev.rehome.kubectl.NamespacedName;
import dev.rehome.kubectl.cnpg.CnpgKinds;
import dev.rehome.kubectl.discovery.BackupCoverage;
import dev.rehome.kubectl.discovery.BackupMethod;
import dev.rehome.kubectl.discovery.TargetDiscovery;
import dev.rehome.kubectl.retry.KubeRetry;
import dev.rehome.kubectl.retry.Poller;
import dev.rehome.testkit.cluster.ClusterSeeds;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OnDemandBackupsTest {
    private static final NamespacedName PAL_E = NamespacedName.parse("postgres/pal-e-postgres");
    private MockCluster cluster;
    private BackupCoverage coverage;

    @BeforeAll
    void seed() {
        cluster = MockCluster.seeded();
        coverage = new TargetDiscovery(cluster.client(), KubeRetry.none()).discover(PAL_E).backup();
    }

    @AfterAll
    void stop() {
        cluster.close();
    }

    /** Plays the CNPG operator: after {@code polls} polls, sets the Backup's status. */
    private OnDemandBackups backups(FakeClock clock, String name, int polls, Map<String, Object> finalStatus) {
        int[] seen = {0};
        Poller poller = new Poller(clock, d -> {
            clock.advance(d);
            if (++seen[0] == polls) {
                CnpgKinds.of(cluster.client(), CnpgKinds.BACKUP).inNamespace("postgres").withName(name).edit(b -> {
                    b.setAdditionalProperty("status", new HashMap<>(finalStatus));
                    return b;
                });
            }
        }, Duration.ofSeconds(10));
        return new OnDemandBackups(cluster.client(), poller, KubeRetry.none());
    }

    @Test
    void createsABarmanBackupAndReportsItsIdWhenCompleted() {
        FakeClock clock = new FakeClock(ClusterSeeds.SEEDED_AT);
        var outcome = backups(clock, "rehome-basketball-1", 3, Map.of("phase", "completed",
                "backupId", "20261126T120031", "startedAt", "2026-11-26T12:00:01Z", "stoppedAt", "2026-11-26T12:00:31Z"))
                .backupAndWait(PAL_E, coverage, "rehome-basketball-1", Duration.ofMinutes(10));

        assertThat(outcome).isEqualTo(new BackupOutcome.Completed("rehome-basketball-1", "20261126T120031",
                Optional.of(Instant.parse("2026-11-26T12:00:01Z")), Optional.of(Instant.parse("2026-11-26T12:00:31Z"))));
        var created = CnpgKinds.of(cluster.client(), CnpgKinds.BACKUP).inNamespace("postgres")
                .withName("rehome-basketball-1").get();
        assertThat(Fields.string(created, "spec", "method")).contains("barmanObjectStore");
        assertThat(Fields.string(created, "spec", "cluster", "name")).contains("pal-e-postgres");
    }

    @Test
    void reportsAFailedBackupWithItsError() {
        FakeClock clock = new FakeClock(ClusterSeeds.SEEDED_AT);
        var outcome = backups(clock, "rehome-basketball-2", 2, Map.of("phase", "failed", "error", "bucket not found"))
                .backupAndWait(PAL_E, coverage, "rehome-basketball-2", Duration.ofMinutes(10));

        assertThat(outcome).isEqualTo(new BackupOutcome.Failed("rehome-basketball-2", "failed", "bucket not found"));
    }

    @Test
    void givesUpAtTheDeadlineAndAResumedRunReusesTheBackup() {
        FakeClock clock = new FakeClock(ClusterSeeds.SEEDED_AT);
        OnDemandBackups never = backups(clock, "rehome-basketball-3", -1, Map.of());
        assertThatThrownBy(() -> never.backupAndWait(PAL_E, coverage, "rehome-basketball-3", Duration.ofMinutes(5)))
                .isInstanceOf(OperationFailedException.class).hasMessageContaining("rehome-basketball-3");
        assertThat(Duration.between(ClusterSeeds.SEEDED_AT, clock.instant())).isBetween(Duration.ofMinutes(5),
                Duration.ofMinutes(5).plusSeconds(10));

        backups(clock, "rehome-basketball-3", 1, Map.of("phase", "completed", "backupId", "B3"))
                .backupAndWait(PAL_E, coverage, "rehome-basketball-3", Duration.ofMinutes(5));
        assertThat(CnpgKinds.of(cluster.client(), CnpgKinds.BACKUP).inNamespace("postgres").list().getItems()
                .stream().filter(b -> b.getMetadata().getName().equals("rehome-basketball-3"))).hasSize(1);
    }

    @Test
    void usesThePluginMethodForPluginClustersAndRefusesClustersWithoutStore() {
        FakeClock clock = new FakeClock(ClusterSeeds.SEEDED_AT);
        var plugin = new BackupCoverage(BackupMethod.PLUGIN, Optional.of("barman-cloud.cloudnative-pg.io"),
                Optional.empty(), Optional.empty(), Optional.of(true), Optional.empty(), List.of());
        backups(clock, "rehome-plugin", 1, Map.of("phase", "completed", "backupId", "P1"))
                .backupAndWait(PAL_E, plugin, "rehome-plugin", Duration.ofMinutes(5));
        var created = CnpgKinds.of(cluster.client(), CnpgKinds.BACKUP).inNamespace("postgres").withName("rehome-plugin").get();
        assertThat(Fields.string(created, "spec", "method")).contains("plugin");
        assertThat(Fields.string(created, "spec", "pluginConfiguration", "name")).contains("barman-cloud.cloudnative-pg.io");

        var none = new BackupCoverage(BackupMethod.NONE, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.of(true), Optional.empty(), List.of("no object store"));
        assertThatThrownBy(() -> backups(clock, "x", 1, Map.of()).start(PAL_E, none, "rehome-none"))
                .isInstanceOf(RefusedException.class).hasMessageContaining("nowhere");
    }
}
