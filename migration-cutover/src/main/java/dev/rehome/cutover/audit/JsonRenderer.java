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
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JSON contract of architecture.md: {@code {"findings": [{"namespace", "workload", "kind", "engine",
 * "coverage", "severity", "reasons", "volumes": [{"pvc", "storageClass", "reclaimPolicy", "size"}]}],
 * "summary": {...}}}, plus {@code evidence} (the objects and fields the verdict rests on), {@code lastBackup}
 * (null when no good backup covers the data), {@code dataLossWindow} (ISO-8601, null when nothing backs it up),
 * {@code version} (value, source, detail), {@code consumers}, {@code remedy} and volume
 * {@code source}/{@code nodeLocal}.
 */
public final class JsonRenderer implements AuditRenderer {
    private final JsonMapper mapper = JsonMapper.builder().build();

    @Override
    public String render(AuditReport report) {
        ObjectNode root = mapper.createObjectNode();
        root.put("generatedAt", report.generatedAt().toString());
        ArrayNode findings = root.putArray("findings");
        report.findings().forEach(finding -> finding(findings.addObject(), finding));
        summary(root.putObject("summary"), report);
        return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
    }

    private static void finding(ObjectNode node, AuditFinding finding) {
        node.put("namespace", finding.namespace());
        node.put("workload", finding.workload());
        node.put("kind", finding.kind());
        node.put("engine", finding.engine());
        node.put("coverage", finding.coverage().label());
        node.put("severity", finding.severity().label());
        ArrayNode reasons = node.putArray("reasons");
        finding.reasons().forEach(reasons::add);
        node.put("remedy", finding.remedy());
        if (finding.lastBackup() == null) {
            node.putNull("lastBackup");
        } else {
            node.put("lastBackup", finding.lastBackup().toString());
        }
        if (finding.dataLossWindow() == null) {
            node.putNull("dataLossWindow");
        } else {
            node.put("dataLossWindow", finding.dataLossWindow().toString());
        }
        ArrayNode evidence = node.putArray("evidence");
        for (Evidence fact : finding.evidence()) {
            ObjectNode e = evidence.addObject();
            e.put("object", fact.object());
            e.put("field", fact.field());
            e.put("value", fact.value());
            e.put("meaning", fact.meaning());
        }
        ObjectNode version = node.putObject("version");
        version.put("value", finding.version().value());
        version.put("source", finding.version().source().label());
        version.put("detail", finding.version().detail());
        ArrayNode consumers = node.putArray("consumers");
        for (DataConsumer consumer : finding.consumers()) {
            ObjectNode c = consumers.addObject();
            c.put("namespace", consumer.namespace());
            c.put("kind", consumer.kind());
            c.put("name", consumer.name());
            c.put("via", consumer.via());
        }
        ArrayNode volumes = node.putArray("volumes");
        for (VolumeInfo volume : finding.volumes()) {
            ObjectNode v = volumes.addObject();
            v.put("pvc", volume.pvc());
            v.put("storageClass", volume.storageClass());
            v.put("reclaimPolicy", volume.reclaimPolicy());
            v.put("size", volume.size());
            v.put("source", volume.source());
            v.put("nodeLocal", volume.nodeLocal());
        }
    }

    private static void summary(ObjectNode node, AuditReport report) {
        AuditSummary summary = report.summary();
        node.put("total", summary.total());
        ObjectNode bySeverity = node.putObject("bySeverity");
        for (Severity severity : Severity.values()) {
            bySeverity.put(severity.label(), summary.bySeverity().get(severity));
        }
        ObjectNode byCoverage = node.putObject("byCoverage");
        for (Coverage coverage : Coverage.values()) {
            byCoverage.put(coverage.label(), summary.byCoverage().get(coverage));
        }
        node.put("covered", summary.covered());
        node.put("uncovered", summary.uncovered());
        report.worstSeverity().ifPresentOrElse(s -> node.put("worstSeverity", s.label()),
                () -> node.putNull("worstSeverity"));
        node.put("apiRequests", report.apiRequests());
        ArrayNode unreadable = node.putArray("unreadable");
        for (UnreadableResource resource : report.unreadable()) {
            ObjectNode u = unreadable.addObject();
            u.put("namespace", resource.namespace());
            u.put("kind", resource.kind());
            u.put("reason", resource.reason());
        }
    }
}
