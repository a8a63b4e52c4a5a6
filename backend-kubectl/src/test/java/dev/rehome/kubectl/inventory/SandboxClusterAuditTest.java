package dev.rehome.kubectl.inventory;

import dev.rehome.core.audit.AuditFinding;
import dev.rehome.core.audit.AuditReport;
import dev.rehome.core.audit.Coverage;
import dev.rehome.core.audit.Severity;
import dev.rehome.testkit.cluster.ClusterSeeds;
import dev.rehome.testkit.cluster.SeedTimeline;
import dev.rehome.testkit.kube.InProcessCluster;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** The audit over the sandbox's own cluster seeds (the basketball move's world), as the fleet commands see it. */
class SandboxClusterAuditTest {
    /** The day the seeds were written, and three years from today: the seeds are dated for either clock. */
    static List<Clock> clocks() {
        return List.of(Clock.fixed(ClusterSeeds.SEEDED_AT, ZoneOffset.UTC),
                SeedTimeline.yearsAhead(ClusterSeeds.SEEDED_AT, Clock.systemUTC(), 3));
    }

    @ParameterizedTest(name = "clock {0}")
    @MethodSource("clocks")
    @Timeout(60)
    void findsTheThreeStandaloneAppsAndTheCoveredSharedCluster(Clock clock) {
        try (InProcessCluster cluster = InProcessCluster.start()) {
            ClusterSeeds.files().forEach(file -> cluster.apply(ClusterSeeds.open(file, clock)));

            AuditReport report = new ClusterAuditor(cluster.client(), clock)
                    .audit(AuditScope.allNamespaces(), Optional.empty());

            assertThat(report.findings())
                    .extracting(AuditFinding::qualifiedName, AuditFinding::coverage, AuditFinding::severity,
                            AuditFinding::remedy)
                    .containsExactly(
                            tuple("basketball-api/postgres", Coverage.NONE, Severity.CRITICAL,
                                    "rehome-fleet plan basketball-api/postgres --into postgres/pal-e-postgres"),
                            tuple("mcd-tracker/postgres", Coverage.NONE, Severity.CRITICAL,
                                    "rehome-fleet plan mcd-tracker/postgres --into postgres/pal-e-postgres"),
                            tuple("pal-e-mail/postgres", Coverage.NONE, Severity.CRITICAL,
                                    "rehome-fleet plan pal-e-mail/postgres --into postgres/pal-e-postgres"),
                            tuple("postgres/pal-e-postgres", Coverage.CNPG, Severity.LOW, "nothing to do"));
        }
    }
}
