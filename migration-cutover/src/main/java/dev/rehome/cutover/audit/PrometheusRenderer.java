package dev.rehome.cutover.audit;

import dev.rehome.core.audit.AuditFinding;
import dev.rehome.core.audit.AuditReport;
import dev.rehome.core.audit.Severity;
import io.prometheus.metrics.config.EscapingScheme;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * The audit as Prometheus metrics (text exposition format 0.0.4), for a CronJob that writes them where the node
 * exporter's textfile collector or a Pushgateway picks them up, so a database that loses its backups raises an
 * alert. Ages are measured from the audit's own time, so the output depends only on the report; alert on
 * {@code time() - rehome_database_last_backup_timestamp_seconds} to see ages grow between audits.
 */
public final class PrometheusRenderer implements AuditRenderer {
    private static final List<String> IDENTITY = List.of("namespace", "workload", "kind", "engine");

    @Override
    public String render(AuditReport report) {
        List<AuditFinding> findings = distinct(report.findings());
        double auditedAt = seconds(report.generatedAt().toEpochMilli());
        MetricSnapshots snapshots = MetricSnapshots.of(
                gauge("rehome_database_backup_covered",
                        "1 when a backup that can restore the database's data exists and ran recently enough, else 0",
                        findings, f -> f.coverage().isCovered() ? 1.0 : 0.0, true),
                gauge("rehome_database_last_backup_timestamp_seconds",
                        "When the newest good backup covering the database finished (absent: there is none)",
                        withLastBackup(findings), f -> seconds(f.lastBackup().toEpochMilli()), false),
                gauge("rehome_database_last_backup_age_seconds",
                        "Age of the newest good backup at audit time (absent: there is none)",
                        withLastBackup(findings), f -> auditedAt - seconds(f.lastBackup().toEpochMilli()), false),
                gauge("rehome_database_data_loss_window_seconds",
                        "Worst-case writes lost if the volume died at audit time (absent: nothing backs it up)",
                        findings.stream().filter(f -> f.dataLossWindow() != null).toList(),
                        f -> seconds(f.dataLossWindow().toMillis()), false),
                findingsBySeverity(findings),
                GaugeSnapshot.builder().name("rehome_audit_timestamp_seconds").help("When the audit ran")
                        .dataPoint(GaugeDataPointSnapshot.builder().value(auditedAt).build()).build());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            PrometheusTextFormatWriter.create().write(out, snapshots, EscapingScheme.ALLOW_UTF8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static GaugeSnapshot gauge(String name, String help, List<AuditFinding> findings,
                                       Function<AuditFinding, Double> value, boolean withVerdict) {
        GaugeSnapshot.Builder gauge = GaugeSnapshot.builder().name(name).help(help);
        for (AuditFinding f : findings) {
            Labels labels = Labels.of(IDENTITY.get(0), f.namespace(), IDENTITY.get(1), f.workload(),
                    IDENTITY.get(2), f.kind(), IDENTITY.get(3), f.engine());
            if (withVerdict) {
                labels = labels.add("coverage", f.coverage().label()).add("severity", f.severity().label());
            }
            gauge.dataPoint(GaugeDataPointSnapshot.builder().labels(labels).value(value.apply(f)).build());
        }
        return gauge.build();
    }

    private static GaugeSnapshot findingsBySeverity(List<AuditFinding> findings) {
        GaugeSnapshot.Builder gauge = GaugeSnapshot.builder().name("rehome_audit_findings")
                .help("Data stores found, by severity");
        for (Severity severity : Severity.values()) {
            long count = findings.stream().filter(f -> f.severity() == severity).count();
            gauge.dataPoint(GaugeDataPointSnapshot.builder().labels(Labels.of("severity", severity.label()))
                    .value(count).build());
        }
        return gauge.build();
    }

    private static List<AuditFinding> withLastBackup(List<AuditFinding> findings) {
        return findings.stream().filter(f -> f.lastBackup() != null).toList();
    }

    /** Findings arrive worst first; one series per data store, so a repeated identity keeps its worst verdict. */
    private static List<AuditFinding> distinct(List<AuditFinding> findings) {
        Set<List<String>> seen = new HashSet<>();
        return findings.stream()
                .filter(f -> seen.add(List.of(f.namespace(), f.workload(), f.kind(), f.engine())))
                .toList();
    }

    private static double seconds(long millis) {
        return millis / 1000.0;
    }
}
