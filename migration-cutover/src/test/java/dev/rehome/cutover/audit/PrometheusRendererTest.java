package dev.rehome.cutover.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rehome.core.audit.AuditFinding;
import dev.rehome.core.audit.AuditReport;
import dev.rehome.core.audit.Coverage;
import dev.rehome.core.audit.Severity;
import dev.rehome.core.audit.VolumeInfo;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class PrometheusRendererTest {
    private static final Instant AUDITED = Instant.parse("2026-11-26T12:00:00Z");

    private static AuditFinding finding(String ns, String name, Coverage coverage, Severity severity, Instant last) {
        return new AuditFinding(ns, name, "Deployment", "postgresql 16", coverage, severity, List.of("why"), "fix",
                List.of(new VolumeInfo("pvc", name + "-data", "local-path", "Delete", "1Gi", true)), last, null,
                List.of(), last == null ? null : Duration.ofDays(1), List.of());
    }

    private static String render() {
        return new PrometheusRenderer().render(new AuditReport(AUDITED, List.of(
                finding("basketball-api", "basketball-db", Coverage.NONE, Severity.CRITICAL, null),
                finding("postgres", "pal-e-postgres", Coverage.CNPG, Severity.INFO, AUDITED.minus(Duration.ofHours(9)))),
                List.of(), 0));
    }

    @Test
    void anUncoveredDatabaseIsAZeroAnAlertCanFireOn() {
        assertThat(render()).contains("# TYPE rehome_database_backup_covered gauge")
                .contains("rehome_database_backup_covered{coverage=\"none\",engine=\"postgresql 16\",kind=\"Deployment\","
                        + "namespace=\"basketball-api\",severity=\"critical\",workload=\"basketball-db\"} 0.0")
                .contains("rehome_database_backup_covered{coverage=\"cnpg\",engine=\"postgresql 16\",kind=\"Deployment\","
                        + "namespace=\"postgres\",severity=\"info\",workload=\"pal-e-postgres\"} 1.0");
    }

    @Test
    void lastBackupAgeAndTimeArePerDatabaseAndAbsentWhenThereIsNone() {
        String metrics = render();
        assertThat(metrics).contains("rehome_database_last_backup_age_seconds{engine=\"postgresql 16\","
                + "kind=\"Deployment\",namespace=\"postgres\",workload=\"pal-e-postgres\"} 32400.0");
        assertThat(metrics).contains("rehome_database_last_backup_timestamp_seconds{engine=\"postgresql 16\","
                + "kind=\"Deployment\",namespace=\"postgres\",workload=\"pal-e-postgres\"} "
                + (double) AUDITED.minus(Duration.ofHours(9)).getEpochSecond());
        assertThat(metrics.lines().filter(l -> l.startsWith("rehome_database_last_backup_age_seconds{"))).hasSize(1);
        assertThat(metrics).contains("rehome_audit_findings{severity=\"critical\"} 1.0")
                .contains("rehome_audit_findings{severity=\"high\"} 0.0");
    }

    @Test
    void everySampleLineIsWellFormedExposition() {
        assertThat(render().lines().filter(l -> !l.startsWith("#")))
                .allMatch(l -> l.matches("[a-z_]+(\\{[^}]*})? -?[0-9.E]+"), "name{labels} value");
    }
}
