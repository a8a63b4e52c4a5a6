package dev.rehome.cutover.audit;

import dev.rehome.core.audit.AuditFinding;
import dev.rehome.core.audit.AuditReport;
import dev.rehome.core.audit.UnreadableResource;

/** The table's content as Markdown, with every reason spelled out, ready to paste into a ticket. */
public final class MarkdownRenderer implements AuditRenderer {
    @Override
    public String render(AuditReport report) {
        StringBuilder out = new StringBuilder();
        out.append("# Backup coverage audit\n\n");
        out.append("Generated ").append(report.generatedAt()).append(". ").append(ReportText.totals(report)).append(".\n\n");
        out.append("| Severity | Workload | Kind | Engine | Data | Coverage | Why | Next step | Last backup |\n");
        out.append("|---|---|---|---|---|---|---|---|---|\n");
        for (AuditFinding finding : report.findings()) {
            out.append("| ").append(cell(finding.severity().label()))
                    .append(" | ").append(cell(finding.qualifiedName()))
                    .append(" | ").append(cell(finding.kind()))
                    .append(" | ").append(cell(finding.engine()))
                    .append(" | ").append(cell(ReportText.data(finding)))
                    .append(" | ").append(cell(finding.coverage().label()))
                    .append(" | ").append(cell(String.join("; ", finding.reasons())))
                    .append(" | ").append(finding.remedy().isEmpty() ? "" : "`" + cell(finding.remedy().replace("`", "")) + "`")
                    .append(" | ").append(cell(ReportText.lastBackupAge(finding, report.generatedAt())))
                    .append(" |\n");
        }
        var covered = ReportText.covered(report);
        if (!covered.isEmpty()) {
            out.append("\n## Covered data\n\n");
            for (AuditFinding finding : covered) {
                out.append("- ").append(cell(finding.qualifiedName())).append(" (").append(finding.coverage().label())
                        .append("): last backup ").append(ReportText.lastBackup(finding, report.generatedAt()))
                        .append(", worst-case loss ").append(ReportText.lossWindow(finding)).append('\n');
            }
        }
        if (!report.findings().isEmpty()) {
            out.append("\n## Evidence\n");
            for (AuditFinding finding : report.findings()) {
                out.append("\n**").append(cell(finding.qualifiedName())).append("** (").append(finding.coverage().label())
                        .append(", ").append(finding.severity().label()).append(")\n\n");
                ReportText.details(finding).forEach(line -> out.append("- ").append(text(line)).append('\n'));
            }
        }
        if (!report.unreadable().isEmpty()) {
            out.append("\n## Could not read\n\n");
            for (UnreadableResource unreadable : report.unreadable()) {
                out.append("- ").append(cell(unreadable.describe())).append('\n');
            }
        }
        return out.toString();
    }

    /** Escapes what Markdown would read as emphasis in running text (globs such as {@code team-*}). */
    private static String text(String line) {
        return line.replace("\\", "\\\\").replace("*", "\\*").replace("_", "\\_").replace("\n", " ");
    }

    /** Escapes what would break a Markdown table cell. */
    private static String cell(String text) {
        return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ");
    }
}
