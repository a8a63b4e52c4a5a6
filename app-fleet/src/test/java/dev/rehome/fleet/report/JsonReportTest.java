package dev.rehome.fleet.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rehome.core.CopyResult;
import dev.rehome.core.Finding;
import dev.rehome.core.SequenceCheck;
import dev.rehome.core.TableCheck;
import dev.rehome.core.TableCopy;
import dev.rehome.core.TableRef;
import dev.rehome.core.VerificationReport;
import dev.rehome.core.report.RunSummary;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class JsonReportTest {
    private final JsonReport json = new JsonReport();

    /** The document as a reader of the file sees it. */
    private JsonNode tree(RunSummary run) {
        return JsonMapper.builder().build().readTree(json.render(run));
    }

    @Test
    void carriesTheContractFieldsChecksumsFindingsAndNotices() {
        VerificationReport report = new VerificationReport(List.of("rows", "checksum", "sequence"),
                List.of(new TableCheck("public.players", 76, 75, "aa", "bb")),
                List.of(new SequenceCheck("public.players_id_seq", 77, 77)),
                List.of(new Finding("rows", "public.players", "76", "75")));
        CopyResult copy = new CopyResult("dump-restore", Duration.ofSeconds(2), List.of(), List.of("skipped a grant"));
        JsonNode root = tree(new RunSummary("copy", Map.of("source", "postgresql://a@h:5432/d"),
                Optional.of(copy), report, List.of(), Duration.ofMillis(2500), Optional.empty()));

        assertThat(root.get("result").asString()).isEqualTo("failed");
        assertThat(root.get("engine").asString()).isEqualTo("dump-restore");
        assertThat(root.get("durationMillis").asLong()).isEqualTo(2500);
        JsonNode table = root.get("tables").get(0);
        assertThat(table.get("name").asString()).isEqualTo("public.players");
        assertThat(table.get("sourceRows").asLong()).isEqualTo(76);
        assertThat(table.get("targetRows").asLong()).isEqualTo(75);
        assertThat(table.get("match").asBoolean()).isFalse();
        assertThat(table.get("sourceChecksum").asString()).isEqualTo("aa");
        JsonNode seq = root.get("sequences").get(0);
        assertThat(seq.get("name").asString()).isEqualTo("public.players_id_seq");
        assertThat(seq.get("source").asLong()).isEqualTo(77);
        assertThat(seq.get("match").asBoolean()).isTrue();
        assertThat(root.get("findings").get(0).get("description").asString())
                .isEqualTo("rows: public.players: source 76, target 75");
        assertThat(root.get("notices").get(0).asString()).isEqualTo("skipped a grant");
        assertThat(root.get("source").asString()).isEqualTo("postgresql://a@h:5432/d");
    }

    @Test
    void anUnverifiedCopyListsItsTablesWithoutClaimingAMatch() {
        CopyResult copy = new CopyResult("jdbc-direct", Duration.ofSeconds(1),
                List.of(new TableCopy(new TableRef("public", "t"), 10, 100, Duration.ofMillis(5))), List.of());
        JsonNode root = tree(new RunSummary("copy", Map.of(), Optional.of(copy), VerificationReport.empty(),
                List.of(), Duration.ofSeconds(1), Optional.empty()));
        assertThat(root.get("result").asString()).isEqualTo("passed");
        assertThat(root.get("tables").get(0).get("sourceRows").asLong()).isEqualTo(10);
        assertThat(root.get("tables").get(0).get("match").isNull()).isTrue();
        assertThat(root.get("tables").get(0).get("targetRows").isNull()).isTrue();
    }

    @Test
    void aTableVerifiedByCountsHasNoChecksumFields() {
        VerificationReport counts = new VerificationReport(List.of("rows"),
                List.of(new TableCheck("public.players", 76, 76, null, null)), List.of(), List.of());
        JsonNode table = tree(new RunSummary("verify", Map.of(), Optional.empty(), counts, List.of(),
                Duration.ofSeconds(1), Optional.empty())).get("tables").get(0);
        assertThat(table.get("match").asBoolean()).isTrue();
        assertThat(table.has("sourceChecksum")).isFalse();
        assertThat(table.has("targetChecksum")).isFalse();
    }

    @Test
    void aRunThatStoppedSaysWhy() {
        JsonNode root = tree(new RunSummary("copy", Map.of("engine", "dump-restore"), Optional.empty(),
                VerificationReport.empty(), List.of(), Duration.ZERO, Optional.of("target is not empty")));
        assertThat(root.get("result").asString()).isEqualTo("failed");
        assertThat(root.get("engine").asString()).isEqualTo("dump-restore");
        assertThat(root.get("error").asString()).isEqualTo("target is not empty");
    }
}
