package dev.rehome.core.audit;

import java.time.Instant;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What an audit found: findings worst first, plus what it could not read.
 *
 * @param generatedAt  when the audit ran
 * @param findings     sorted by {@link AuditFinding#WORST_FIRST}
 * @param unreadable   kinds/namespaces that could not be read, sorted
 * @param apiRequests  how many API requests the audit needed (0 when not counted)
 */
public record AuditReport(Instant generatedAt, List<AuditFinding> findings, List<UnreadableResource> unreadable,
                          int apiRequests) {
    public AuditReport {
        Objects.requireNonNull(generatedAt, "generatedAt");
        findings = findings.stream().sorted(AuditFinding.WORST_FIRST).toList();
        unreadable = unreadable.stream()
                .sorted(Comparator.comparing((UnreadableResource u) -> u.namespace() == null ? "" : u.namespace())
                        .thenComparing(UnreadableResource::kind))
                .toList();
    }

    public AuditSummary summary() {
        Map<Severity, Integer> bySeverity = new EnumMap<>(Severity.class);
        for (Severity severity : Severity.values()) {
            bySeverity.put(severity, 0);
        }
        Map<Coverage, Integer> byCoverage = new EnumMap<>(Coverage.class);
        for (Coverage coverage : Coverage.values()) {
            byCoverage.put(coverage, 0);
        }
        for (AuditFinding finding : findings) {
            bySeverity.merge(finding.severity(), 1, Integer::sum);
            byCoverage.merge(finding.coverage(), 1, Integer::sum);
        }
        int covered = (int) findings.stream().filter(f -> f.coverage().isCovered()).count();
        return new AuditSummary(findings.size(), bySeverity, byCoverage, covered, byCoverage.get(Coverage.NONE),
                unreadable.size());
    }

    /** The worst severity among the findings, empty when there are none. */
    public Optional<Severity> worstSeverity() {
        return findings.stream().map(AuditFinding::severity).min(Enum::compareTo);
    }

    /** True when some finding is at least as bad as {@code threshold}: the {@code --fail-on} gate. */
    public boolean reaches(Severity threshold) {
        return worstSeverity().map(worst -> worst.reaches(threshold)).orElse(false);
    }
}
