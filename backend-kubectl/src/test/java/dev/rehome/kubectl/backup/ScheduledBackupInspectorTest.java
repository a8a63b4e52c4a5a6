package dev.rehome.kubectl.backup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rehome.kubectl.MockCluster;
import dev.rehome.kubectl.NamespacedName;
import dev.rehome.kubectl.cnpg.CnpgKinds;
import dev.rehome.kubectl.retry.KubeRetry;
import dev.rehome.testkit.cluster.ClusterSeeds;
import dev.rehome.testkit.cluster.SeedTimeline;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ScheduledBackupInspectorTest {
    private static final NamespacedName PAL_E = NamespacedName.parse("postgres/pal-e-postgres");
    private MockCluster cluster;

    @BeforeAll
    void seed() {
        cluster = MockCluster.seeded();
    }

    @AfterAll
    void stop() {
        cluster.close();
    }

    private ScheduledBackupInspector at(Instant now) {
        return new ScheduledBackupInspector(cluster.client(), Clock.fixed(now, ZoneOffset.UTC), KubeRetry.none());
    }

    @Test
    void theSeededDailyScheduleIsSaneAndNamesTheNextRun() {
        var reports = at(ClusterSeeds.SEEDED_AT).inspect(PAL_E);

        assertThat(reports).singleElement().satisfies(r -> {
            assertThat(r.name()).isEqualTo("pal-e-postgres-daily");
            assertThat(r.sane()).as(r.problems().toString()).isTrue();
            assertThat(r.nextRun()).contains(Instant.parse("2026-11-27T02:00:00Z"));
        });
        assertThat(at(ClusterSeeds.SEEDED_AT).nextRun(PAL_E)).contains(Instant.parse("2026-11-27T02:00:00Z"));
    }

    @Test
    void theSeededScheduleIsStillSaneYearsLaterWhenTheSeedsAreDatedForThatClock() {
        Clock later = SeedTimeline.yearsAhead(ClusterSeeds.SEEDED_AT, Clock.systemUTC(), 3);
        try (MockCluster future = MockCluster.seeded(later)) {
            var inspector = new ScheduledBackupInspector(future.client(), later, KubeRetry.none());

            assertThat(inspector.inspect(PAL_E)).singleElement()
                    .satisfies(r -> assertThat(r.sane()).as(r.problems().toString()).isTrue());
            assertThat(inspector.nextRun(PAL_E)).contains(ClusterSeeds.timeline(later).at("2026-11-27T02:00:00Z"));
        }
    }

    @Test
    void aMissedRunIsReported() {
        var reports = at(ClusterSeeds.SEEDED_AT.plus(Duration.ofDays(2))).inspect(PAL_E);

        assertThat(reports.get(0).problems()).singleElement().asString()
                .contains("the run due at 2026-11-27T02:00:00Z did not happen");
    }

    @Test
    void fiveFieldAndSuspendedSchedulesAreFlagged() {
        var s = CnpgKinds.newObject(CnpgKinds.SCHEDULED_BACKUP, "postgres", "pal-e-postgres-typo");
        s.setAdditionalProperty("spec", Map.of("schedule", "0 2 * * *", "cluster", Map.of("name", "pal-e-postgres"),
                "suspend", true));
        s.setAdditionalProperty("status", Map.of("lastScheduleTime", "2026-11-26T11:02:00Z"));
        ScheduleReport report = at(ClusterSeeds.SEEDED_AT).judge(s);

        assertThat(report.sane()).isFalse();
        assertThat(report.problems()).anySatisfy(p -> assertThat(p).contains("five fields").contains("every 60 minutes")
                .contains("'0 0 2 * * *'"));
        assertThat(report.problems()).anySatisfy(p -> assertThat(p).contains("suspended"));
        assertThat(report.nextRun()).isEmpty();
    }
}
