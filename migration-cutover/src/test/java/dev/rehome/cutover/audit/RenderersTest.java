package dev.rehome.cutover.audit;

import dev.rehome.core.audit.AuditFinding;
import dev.rehome.core.audit.AuditReport;
import dev.rehome.core.audit.Coverage;
import dev.rehome.core.audit.DataConsumer;
import dev.rehome.core.audit.EngineVersion;
import dev.rehome.core.audit.Evidence;
import dev.rehome.core.audit.Severity;
import dev.rehome.core.audit.UnreadableResource;
import dev.rehome.core.audit.VolumeInfo;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RenderersTest {
    private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");

    private static AuditFinding finding(String ns, String name, Severity severity, Coverage coverage, Instant last) {
        return new AuditFinding(ns, name, "Deployment", "postgresql 16", coverage, severity,
                List.of("why | " + name), "do something with `" + name + "`",
                List.of(new VolumeInfo("pvc", name + "-data", "local-path", "Delete", "1Gi", true)), last);
    }

    private static AuditReport report() {
        List<AuditFinding> findings = new ArrayList<>(List.of(
                finding("b", "low-one", Severity.LOW, Coverage.VELERO, NOW.minusSeconds(3 * 3600)),
                finding("a", "crit-two", Severity.CRITICAL, Coverage.NONE, null),
                finding("z", "info-one", Severity.INFO, Coverage.CNPG, NOW.minusSeconds(3 * 86400)),
                finding("a", "crit-one", Severity.CRITICAL, Coverage.NONE, null),
                finding("m", "high-one", Severity.HIGH, Coverage.UNKNOWN, null)));
        Collections.shuffle(findings);
        return new AuditReport(NOW, findings, List.of(new UnreadableResource("ledger", "pods", "forbidden"),
                new UnreadableResource(null, "policies.config.kio.kasten.io", "not installed")), 16);
    }

    @Test
    void reportOrdersWorstFirstThenByName() {
        assertThat(report().findings()).extracting(AuditFinding::qualifiedName)
                .containsExactly("a/crit-one", "a/crit-two", "m/high-one", "b/low-one", "z/info-one");
    }

    @Test
    void tableIsStableAndAligned() {
        String table = new TableRenderer().render(report());

        assertThat(new TableRenderer().render(report())).isEqualTo(table);
        List<String> lines = table.lines().toList();
        assertThat(lines.get(1)).startsWith("critical  a/crit-one");
        int coverageColumn = lines.get(0).indexOf("COVERAGE");
        assertThat(lines.subList(1, 6)).allSatisfy(line ->
                assertThat(line.charAt(coverageColumn - 1)).isEqualTo(' '));
        assertThat(table).contains("Totals: 2 critical, 1 high, 0 medium, 1 low, 1 info (5 findings, 2 with no backup at all)")
                .contains("b/low-one  velero  3h ago (2026-11-26T09:00:00Z)")
                .contains("z/info-one  cnpg  3d ago")
                .contains("namespace ledger: pods (forbidden)")
                .contains("all namespaces: policies.config.kio.kasten.io (not installed)");
    }

    @Test
    void markdownEscapesPipesInCells() {
        String markdown = new MarkdownRenderer().render(report());

        assertThat(markdown).contains("why \\| crit-one").doesNotContain("why | crit-one")
                .contains("`do something with crit-one`");
        assertThat(markdown.lines().filter(l -> l.startsWith("| critical")).count()).isEqualTo(2);
    }

    @Test
    void jsonHasTheContractFieldsAndNullsWhereUnknown() {
        JsonNode root = JsonMapper.builder().build().readTree(new JsonRenderer().render(report()));

        JsonNode first = root.get("findings").get(0);
        assertThat(first.propertyNames()).containsSubsequence("namespace", "workload", "kind", "engine", "coverage",
                "severity", "reasons", "remedy", "lastBackup", "volumes");
        assertThat(first.get("lastBackup").isNull()).isTrue();
        assertThat(first.get("volumes").get(0).propertyNames())
                .contains("pvc", "storageClass", "reclaimPolicy", "size");
        assertThat(root.get("findings").get(3).get("lastBackup").asString()).isEqualTo("2026-11-26T09:00:00Z");
        JsonNode summary = root.get("summary");
        assertThat(summary.get("worstSeverity").asString()).isEqualTo("critical");
        assertThat(summary.get("bySeverity").get("medium").asInt()).isZero();
        assertThat(summary.get("apiRequests").asInt()).isEqualTo(16);
        assertThat(summary.get("unreadable").get(0).get("namespace").isNull()).isTrue();
    }

    private static AuditReport trapReport() {
        AuditFinding trap = new AuditFinding("notes", "notes-db", "Deployment", "postgresql 16", Coverage.NONE,
                Severity.CRITICAL, List.of("no backup: velero schedule velero/nightly selects it, but saves no copy"),
                "rehome-fleet plan notes/notes-db --into postgres/pal-e-postgres",
                List.of(new VolumeInfo("pvc", "notes-data", "local-path", "Delete", "2Gi", true)), null,
                new EngineVersion("16", EngineVersion.Source.IMAGE, "tag of official image postgres:16-alpine"),
                List.of(new Evidence("PersistentVolume pvc-notes-data", "spec.hostPath.path", "/var/lib/x",
                        "a hostPath PV: file-system backup skips it"),
                        new Evidence("Schedule velero/nightly", "spec.template.includedNamespaces", "[team-*]", "")),
                null, List.of(new DataConsumer("notes", "Deployment", "notes-web", "env DB_HOST names Service host notes-db")));
        AuditFinding covered = new AuditFinding("wiki", "wiki-db", "Deployment", "postgresql", Coverage.VELERO,
                Severity.MEDIUM, List.of("not crash-consistent"), "add a hook", List.of(), NOW.minusSeconds(9 * 3600),
                EngineVersion.unknown("image ledger-db:3.1 is not an official postgresql image"), List.of(),
                Duration.ofDays(1), List.of());
        return new AuditReport(NOW, List.of(trap, covered), List.of(), 3);
    }

    @Test
    void jsonAddsEvidenceLastBackupWindowVersionAndConsumers() {
        JsonNode root = JsonMapper.builder().build().readTree(new JsonRenderer().render(trapReport()));

        JsonNode trap = root.get("findings").get(0);
        assertThat(trap.get("lastBackup").isNull()).isTrue();
        assertThat(trap.get("dataLossWindow").isNull()).isTrue();
        assertThat(trap.get("evidence").get(0).get("object").asString()).isEqualTo("PersistentVolume pvc-notes-data");
        assertThat(trap.get("evidence").get(0).get("field").asString()).isEqualTo("spec.hostPath.path");
        assertThat(trap.get("evidence").get(0).get("value").asString()).isEqualTo("/var/lib/x");
        assertThat(trap.get("version").get("source").asString()).isEqualTo("image");
        assertThat(trap.get("consumers").get(0).get("name").asString()).isEqualTo("notes-web");
        JsonNode covered = root.get("findings").get(1);
        assertThat(covered.get("lastBackup").asString()).isEqualTo("2026-11-26T03:00:00Z");
        assertThat(covered.get("dataLossWindow").asString()).isEqualTo("PT24H");
        assertThat(covered.get("version").get("value").isNull()).isTrue();
        assertThat(covered.get("version").get("source").asString()).isEqualTo("unknown");
    }

    @Test
    void tableAndMarkdownShowLastBackupAndEvidence() {
        String table = new TableRenderer().render(trapReport());
        String markdown = new MarkdownRenderer().render(trapReport());

        assertThat(table.lines().findFirst().orElseThrow()).contains("COVERAGE  LAST BACKUP  NEXT STEP");
        assertThat(table).contains("notes/notes-db (none, critical)",
                "    PersistentVolume pvc-notes-data spec.hostPath.path=/var/lib/x: a hostPath PV: file-system backup skips it",
                "    used by Deployment notes/notes-web: env DB_HOST names Service host notes-db",
                "    version: unknown (image ledger-db:3.1 is not an official postgresql image)",
                "wiki/wiki-db  velero  9h ago (2026-11-26T03:00:00Z)  up to 24h of writes");
        assertThat(table.lines().filter(l -> l.startsWith("critical")).findFirst().orElseThrow()).contains("never");
        assertThat(markdown).contains("| Next step | Last backup |", "| never |", "| 9h ago |", "## Evidence",
                "- Schedule velero/nightly spec.template.includedNamespaces=[team-\\*]",
                "worst-case loss up to 24h of writes");
    }

    @Test
    void emptyReportSaysSo() {
        AuditReport empty = new AuditReport(NOW, List.of(), List.of(), 0);

        assertThat(new TableRenderer().render(empty)).startsWith("No data stores found.");
        assertThat(empty.reaches(Severity.INFO)).isFalse();
    }

    @Test
    void failOnGateComparesSeverities() {
        AuditReport report = report();

        assertThat(report.reaches(Severity.CRITICAL)).isTrue();
        assertThat(new AuditReport(NOW, List.of(finding("x", "y", Severity.MEDIUM, Coverage.CNPG, null)), List.of(), 0)
                .reaches(Severity.HIGH)).isFalse();
        assertThat(Severity.fromLabel("HIGH")).isEqualTo(Severity.HIGH);
    }
}
