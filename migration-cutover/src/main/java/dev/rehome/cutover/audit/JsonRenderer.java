package dev.rehome.cutover.audit;

import dev.rehome.core.audit.AuditFinding;
import dev.rehome.core.audit.AuditReport;
import dev.rehome.core.audit.AuditSummary;
import dev.rehome.core.audit.Coverage;
import dev.rehome.core.audit.DataConsumer;
import dev.rehome.core.audit.Evidence;
import dev.rehome.core.audit.Severity;
import dev.rehome.core.audit.UnreadableResource;
import dev.rehome.core.audit.VolumeInfo;
import dev.rehome.cutover.report.RecordJson;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The JSON contract of architecture.md: {@code {"findings": [{"namespace", "workload", "kind", "engine",
 * "coverage", "severity", "reasons", "volumes": [{"pvc", "storageClass", "reclaimPolicy", "size"}]}],
 * "summary": {...}}}, plus {@code evidence} (the objects and fields the verdict rests on), {@code lastBackup}
 * (null when no good backup covers the data), {@code dataLossWindow} (ISO-8601, null when nothing backs it up),
 * {@code version} (value, source, detail), {@code consumers}, {@code remedy} and volume
 * {@code source}/{@code nodeLocal}.
 */
public final class JsonRenderer implements AuditRenderer {
    @Override
    public String render(AuditReport report) {
        return RecordJson.render(new Document(report.generatedAt().toString(),
                report.findings().stream().map(Finding::of).toList(), Summary.of(report)));
    }

    record Document(String generatedAt, List<Finding> findings, Summary summary) {
    }

    record Finding(String namespace, String workload, String kind, String engine, String coverage, String severity,
                   List<String> reasons, String remedy, String lastBackup, String dataLossWindow,
                   List<Evidence> evidence, Version version, List<DataConsumer> consumers, List<Volume> volumes) {
        static Finding of(AuditFinding f) {
            return new Finding(f.namespace(), f.workload(), f.kind(), f.engine(), f.coverage().label(),
                    f.severity().label(), f.reasons(), f.remedy(), text(f.lastBackup()), text(f.dataLossWindow()),
                    f.evidence(), new Version(f.version().value(), f.version().source().label(), f.version().detail()),
                    f.consumers(), f.volumes().stream().map(Volume::of).toList());
        }
    }

    record Version(String value, String source, String detail) {
    }

    record Volume(String pvc, String storageClass, String reclaimPolicy, String size, String source,
                  boolean nodeLocal) {
        static Volume of(VolumeInfo v) {
            return new Volume(v.pvc(), v.storageClass(), v.reclaimPolicy(), v.size(), v.source(), v.nodeLocal());
        }
    }

    /** Counts by severity and coverage in their enums' order (worst first), as people read them. */
    record Summary(int total, Map<String, Integer> bySeverity, Map<String, Integer> byCoverage, int covered,
                   int uncovered, String worstSeverity, int apiRequests, List<UnreadableResource> unreadable) {
        static Summary of(AuditReport report) {
            AuditSummary s = report.summary();
            Map<String, Integer> bySeverity = new LinkedHashMap<>();
            for (Severity severity : Severity.values()) {
                bySeverity.put(severity.label(), s.bySeverity().get(severity));
            }
            Map<String, Integer> byCoverage = new LinkedHashMap<>();
            for (Coverage coverage : Coverage.values()) {
                byCoverage.put(coverage.label(), s.byCoverage().get(coverage));
            }
            return new Summary(s.total(), bySeverity, byCoverage, s.covered(), s.uncovered(),
                    report.worstSeverity().map(Severity::label).orElse(null), report.apiRequests(), report.unreadable());
        }
    }

    private static String text(Object value) {
        return value == null ? null : Objects.toString(value);
    }
}
