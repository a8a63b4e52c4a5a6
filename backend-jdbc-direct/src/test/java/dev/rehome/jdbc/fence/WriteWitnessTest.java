package dev.rehome.jdbc.fence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rehome.core.ErrorCode;
import dev.rehome.core.MigrationException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WriteWitnessTest {
    private static final Instant T0 = Instant.parse("2026-12-03T08:00:00Z");
    private static final Instant T1 = Instant.parse("2026-12-03T08:05:00Z");

    private static Map<String, String> seqs(String ticket) {
        Map<String, String> m = new HashMap<>();
        m.put("public.ticket", ticket);
        return m;
    }

    @Test
    void sameXidAndSequencesIsQuiet() {
        assertThat(new WriteWitness(100, seqs("5"), T0).compare(new WriteWitness(100, seqs("5"), T1)))
                .isEqualTo(new WitnessVerdict.Quiet(T0, T1));
    }

    @Test
    void anAssignedXidIsEvidenceEvenWhenNoSequenceMoved() {
        assertThat(new WriteWitness(100, seqs("5"), T0).compare(new WriteWitness(101, seqs("5"), T1)))
                .isEqualTo(new WitnessVerdict.Moved(List.of("1 transaction id(s) assigned (next xid 100 -> 101)")));
    }

    @Test
    void aSequenceThatMovedOrAppearedIsEvidenceWithoutAnXid() {
        Map<String, String> after = seqs("6");
        after.put("public.new_seq", null);

        assertThat(new WriteWitness(100, seqs(null), T0).compare(new WriteWitness(100, after, T1)))
                .isInstanceOfSatisfying(WitnessVerdict.Moved.class, m -> assertThat(m.evidence())
                        .containsExactly("sequence public.new_seq appeared", "sequence public.ticket null -> 6"));
    }

    @Test
    void anIncompleteLiftNamesEveryFailureAsOneOperationFailure() {
        LiftReport report = new LiftReport(List.of(
                new LiftReport.Outcome("GRANT", LiftReport.Status.FAILED, "refused"),
                new LiftReport.Outcome("LOGIN", LiftReport.Status.UNDONE, "as postgres"),
                new LiftReport.Outcome("password", LiftReport.Status.FAILED, "the original password is needed")));

        assertThat(report.complete()).isFalse();
        assertThatThrownBy(report::throwIfIncomplete).isInstanceOfSatisfying(MigrationException.class, e -> {
            assertThat(e.errorCode()).isEqualTo(ErrorCode.FAILED);
            assertThat(e.getMessage()).contains("2 step(s)").contains("refused").contains("original password");
        });
    }
}
