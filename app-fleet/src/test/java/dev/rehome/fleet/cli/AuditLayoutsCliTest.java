package dev.rehome.fleet.cli;

import dev.rehome.testkit.audit.AuditCrds;
import dev.rehome.testkit.audit.SimulatedApiServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code rehome-fleet audit} over the layouts cluster: the hostPath trap as a script and a human see it. */
@Timeout(60)
class AuditLayoutsCliTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-26T12:00:00Z"), ZoneOffset.UTC);

    private static SimulatedApiServer server;

    @BeforeAll
    static void start() {
        // On the fixture's own day; CoverageLayoutsTest also runs the same cluster three years ahead.
        server = SimulatedApiServer.start(AuditCrds.EVERYTHING, CLOCK);
        server.seed("dev/rehome/testkit/cluster/audit-layouts.yaml", CLOCK.instant());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String run(String... args) {
        StringWriter out = new StringWriter();
        CommandLine commandLine = new CommandLine(new AuditCommand((kubeconfig, context) -> server.newClient(), CLOCK));
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(new StringWriter(), true));
        commandLine.execute(args);
        return out.toString();
    }

    private static JsonNode find(JsonNode root, String namespace, String workload) {
        for (JsonNode finding : root.get("findings")) {
            if (finding.get("namespace").asString().equals(namespace) && finding.get("workload").asString().equals(workload)) {
                return finding;
            }
        }
        throw new AssertionError("no finding " + namespace + "/" + workload);
    }

    @Test
    void jsonNamesTheTrapWithItsEvidenceAndNoLastBackup() {
        JsonNode root = JsonMapper.builder().build().readTree(run("--output", "json"));

        JsonNode notes = find(root, "notes", "notes-db");
        assertThat(notes.propertyNames()).contains("namespace", "workload", "kind", "engine", "coverage", "severity",
                "reasons", "volumes", "evidence", "lastBackup");
        assertThat(notes.get("coverage").asString()).isEqualTo("none");
        assertThat(notes.get("severity").asString()).isEqualTo("critical");
        assertThat(notes.get("lastBackup").isNull()).isTrue();
        List<String> fields = new ArrayList<>();
        notes.get("evidence").forEach(e -> fields.add(e.get("object").asString() + " " + e.get("field").asString()));
        assertThat(fields).contains("PersistentVolume pvc-notes-data spec.hostPath.path",
                "Schedule velero/apps-nightly spec.template.defaultVolumesToFsBackup");
        JsonNode volume = notes.get("volumes").get(0);
        assertThat(volume.get("pvc").asString()).isEqualTo("notes-data");
        assertThat(volume.get("storageClass").asString()).isEqualTo("local-path");

        JsonNode billing = find(root, "billing", "billing-db");
        assertThat(billing.get("engine").asString()).isEqualTo("postgresql");
        assertThat(billing.get("version").get("source").asString()).isEqualTo("unknown");
        assertThat(billing.get("lastBackup").asString()).isEqualTo("2026-11-26T02:06:00Z");
        assertThat(find(root, "crm", "crm-postgresql").get("consumers").size()).isEqualTo(4);
        assertThat(root.get("summary").get("byCoverage").get("dump").asInt()).isEqualTo(1);
    }

    @Test
    void tableAndMarkdownReadTheSame() {
        String table = run();
        String markdown = run("--output", "markdown");

        assertThat(table.lines().filter(l -> l.startsWith("critical  notes/notes-db")).findFirst().orElseThrow())
                .contains("none", "never");
        assertThat(table).contains("notes/notes-db (none, critical)",
                "    PersistentVolume pvc-notes-data spec.hostPath.path=/var/lib/rancher/k3s/storage/");
        assertThat(markdown).contains("**notes/notes-db** (none, critical)",
                "- PersistentVolume pvc-notes-data spec.hostPath.path=");
    }
}
