package dev.rehome.fleet.audit;

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
        out.append("| Severity | Workload | Kind | Engine | Data | Coverage | Why | Next step |\n");
        out.append("|---|---|---|---|---|---|---|---|\n");
        for (AuditFinding finding : report.findings()) {
            out.append("| ").append(cell(finding.severity().label()))
                    .append(" | ").append(cell(finding.qualifiedName()))
                    .append(" | ").append(cell(finding.kind()))
                    .append(" | ").append(cell(finding.engine()))
                    .append(" | ").append(cell(ReportText.data(finding)))
                    .append(" | ").append(cell(finding.coverage().label()))
                    .append(" | ").append(cell(String.join("; ", finding.reasons())))
                    .append(" | ").append(finding.remedy().isEmpty() ? "" : "`" + cell(finding.remedy().replace("`", "")) + "`")
                    .append(" |\n");
        }
        var covered = ReportText.covered(report);
        if (!covered.isEmpty()) {
            out.append("\n## Covered data\n\n");
            for (AuditFinding finding : covered) {
                out.append("- ").append(cell(finding.qualifiedName())).append(" (").append(finding.coverage().label())
                        .append("): last backup ").append(ReportText.lastBackup(finding, report.generatedAt())).append('\n');
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

    /** Escapes what would break a Markdown table cell. */
    private static String cell(String text) {
        return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ");
    }
}
