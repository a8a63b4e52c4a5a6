package dev.rehome.core.audit;

import java.util.Map;

/**
 * Totals of a report.
 *
 * @param total       number of findings
 * @param bySeverity  findings per severity, every severity present (0 when none), worst first
 * @param byCoverage  findings per coverage, every coverage present
 * @param covered     data stores with a working backup of some kind
 * @param uncovered   data stores with coverage {@code none}
 * @param unreadable  how many kinds or namespaces could not be read
 */
public record AuditSummary(int total, Map<Severity, Integer> bySeverity, Map<Coverage, Integer> byCoverage,
                           int covered, int uncovered, int unreadable) {
    public AuditSummary {
        bySeverity = Map.copyOf(bySeverity);
        byCoverage = Map.copyOf(byCoverage);
    }
}
