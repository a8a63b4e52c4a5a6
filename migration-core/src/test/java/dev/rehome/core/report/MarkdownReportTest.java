package dev.rehome.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rehome.core.CopyResult;
import dev.rehome.core.Finding;
import dev.rehome.core.SequenceCheck;
import dev.rehome.core.TableCheck;
import dev.rehome.core.VerificationReport;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MarkdownReportTest {
    private static final Map<String, String> FACTS = new LinkedHashMap<>(Map.of("engine", "dump-restore"));

    @Test
    void showsEveryTableSequenceFindingAndNoticeOfAFailedVerification() {
        VerificationReport report = new VerificationReport(List.of("rows", "sequence"),
                List.of(new TableCheck("public.players", 76, 75, null, null), new TableCheck("a|b.c", 1, 1, null, null)),
                List.of(new SequenceCheck("public.players_id_seq", 77, 1)),
                List.of(new Finding("rows", "public.players", "76", "75")));
        CopyResult copy = new CopyResult("dump-restore", Duration.ofSeconds(3), List.of(),
                List.of("GRANT SELECT ON TABLE public.t TO reporting not replayed: role reporting does not exist in the target"));
        String md = MarkdownReport.render(new RunSummary("copy", FACTS, Optional.of(copy), report, List.of(),
                Duration.ofMillis(3456), Optional.empty()));

        assertThat(md).startsWith("# rehome copy: failed\n")
                .contains("| public.players | 76 | 75 | **NO** |")
                .contains("| a\\|b.c | 1 | 1 | yes |")
                .contains("| public.players_id_seq | 77 | 1 | **NO** |")
                .contains("- rows: public.players: source 76, target 75")
                .contains("- GRANT SELECT ON TABLE public.t TO reporting not replayed")
                .contains("| duration | 3.5 s |");
    }

    @Test
    void aRunWithoutFindingsPasses() {
        String md = MarkdownReport.render(new RunSummary("verify", FACTS, Optional.empty(),
                VerificationReport.ofFindings("rows", List.of()), List.of(), Duration.ofMillis(20), Optional.empty()));
        assertThat(md).startsWith("# rehome verify: passed").doesNotContain("## Findings");
    }
}
