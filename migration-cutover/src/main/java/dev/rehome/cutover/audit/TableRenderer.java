package dev.rehome.cutover.audit;

import dev.rehome.core.audit.AuditFinding;
import dev.rehome.core.audit.AuditReport;
import dev.rehome.core.audit.UnreadableResource;

import java.util.ArrayList;
import java.util.List;

/**
 * A fixed-width table for a terminal, worst first, then totals per severity, the covered data with the age of
 * its last backup, and what could not be read.
 */
public final class TableRenderer implements AuditRenderer {
    private static final List<String> HEADER = List.of("SEVERITY", "WORKLOAD", "KIND", "ENGINE", "DATA", "COVERAGE",
            "LAST BACKUP", "NEXT STEP");

    @Override
    public String render(AuditReport report) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(HEADER);
        for (AuditFinding finding : report.findings()) {
            rows.add(List.of(finding.severity().label(), finding.qualifiedName(), finding.kind(), finding.engine(),
                    ReportText.data(finding), finding.coverage().label(),
                    ReportText.lastBackupAge(finding, report.generatedAt()), finding.remedy()));
        }
        StringBuilder out = new StringBuilder();
        if (report.findings().isEmpty()) {
            out.append("No data stores found.\n");
        } else {
            appendAligned(rows, out);
        }
        out.append('\n').append("Totals: ").append(ReportText.totals(report)).append('\n');
        List<AuditFinding> covered = ReportText.covered(report);
        if (!covered.isEmpty()) {
            out.append("\nCovered data (last backup, worst-case loss):\n");
            for (AuditFinding finding : covered) {
                out.append("  ").append(finding.qualifiedName()).append("  ").append(finding.coverage().label())
                        .append("  ").append(ReportText.lastBackup(finding, report.generatedAt()))
                        .append("  ").append(ReportText.lossWindow(finding)).append('\n');
            }
        }
        if (!report.findings().isEmpty()) {
            out.append("\nEvidence:\n");
            for (AuditFinding finding : report.findings()) {
                out.append("  ").append(finding.qualifiedName()).append(" (").append(finding.coverage().label())
                        .append(", ").append(finding.severity().label()).append(")\n");
                ReportText.details(finding).forEach(line -> out.append("    ").append(line).append('\n'));
            }
        }
        if (!report.unreadable().isEmpty()) {
            out.append("\nCould not read (coverage there is unknown):\n");
            for (UnreadableResource unreadable : report.unreadable()) {
                out.append("  ").append(unreadable.describe()).append('\n');
            }
        }
        return out.toString();
    }

    private static void appendAligned(List<List<String>> rows, StringBuilder out) {
        int columns = HEADER.size();
        int[] widths = new int[columns];
        for (List<String> row : rows) {
            for (int c = 0; c < columns; c++) {
                widths[c] = Math.max(widths[c], row.get(c).length());
            }
        }
        for (List<String> row : rows) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < columns; c++) {
                String cell = row.get(c);
                line.append(cell);
                if (c < columns - 1) {
                    line.append(" ".repeat(widths[c] - cell.length() + 2));
                }
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
    }
}
