package dev.rehome.cutover.audit;

import dev.rehome.core.audit.AuditFinding;
import dev.rehome.core.audit.AuditReport;
import dev.rehome.core.audit.AuditSummary;
import dev.rehome.core.audit.Severity;
import dev.rehome.core.audit.VolumeInfo;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Phrases the table and Markdown renderers share, so both say the same thing. */
final class ReportText {
    private ReportText() {
    }

    /** {@code pvc postgres-data (local-path, Delete, 1Gi)}, {@code +2 more} when there are several. */
    static String data(AuditFinding finding) {
        List<VolumeInfo> volumes = finding.volumes();
        if (volumes.isEmpty()) {
            boolean workload = List.of("Deployment", "StatefulSet", "DaemonSet", "Pod").contains(finding.kind());
            return workload ? "container filesystem" : "-";
        }
        String first = volumes.get(0).describe();
        return volumes.size() == 1 ? first : first + " +" + (volumes.size() - 1) + " more";
    }

    /** {@code 9 critical, 1 high, 3 medium, 1 low, 1 info (15 findings)}. */
    static String totals(AuditReport report) {
        AuditSummary summary = report.summary();
        List<String> parts = new ArrayList<>();
        for (Severity severity : Severity.values()) {
            parts.add(summary.bySeverity().get(severity) + " " + severity.label());
        }
        return String.join(", ", parts) + " (" + summary.total() + " findings, " + summary.uncovered()
                + " with no backup at all)";
    }

    /** {@code 9h ago} relative to when the report was made, or {@code never}. */
    static String lastBackup(AuditFinding finding, Instant now) {
        return finding.lastBackupTime().map(t -> age(Duration.between(t, now)) + " ago (" + t + ")").orElse("unknown");
    }

    /** {@code 9h ago}, or {@code never} when no good backup covers the data. */
    static String lastBackupAge(AuditFinding finding, Instant now) {
        return finding.lastBackupTime().map(t -> age(Duration.between(t, now)) + " ago").orElse("never");
    }

    /** {@code up to 1d of writes}, or {@code all of it} when nothing backs the data up. */
    static String lossWindow(AuditFinding finding) {
        return finding.dataLossWindowLength().map(w -> "up to " + age(w) + " of writes")
                .orElse(finding.coverage().isCovered() ? "unknown" : "all of it");
    }

    /** The evidence, then the version's source and the consumers, one line each. */
    static List<String> details(AuditFinding finding) {
        List<String> lines = new ArrayList<>();
        finding.evidence().forEach(e -> lines.add(e.describe()));
        lines.add("version: " + (finding.version().known() ? finding.version().value() + " (" + finding.version()
                .source().label() + ": " + finding.version().detail() + ")" : "unknown (" + finding.version().detail() + ")"));
        finding.consumers().forEach(c -> lines.add("used by " + c.kind() + " " + c.qualifiedName() + ": " + c.via()));
        return lines;
    }

    private static String age(Duration age) {
        if (age.toDays() >= 2) {
            return age.toDays() + "d";
        }
        if (age.toHours() >= 1) {
            return age.toHours() + "h";
        }
        return Math.max(0, age.toMinutes()) + "m";
    }

    static List<AuditFinding> covered(AuditReport report) {
        return report.findings().stream().filter(f -> f.coverage().isCovered()).toList();
    }
}
