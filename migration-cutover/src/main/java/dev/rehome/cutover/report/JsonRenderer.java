package dev.rehome.cutover.report;

import dev.rehome.cutover.report.CutoverReport.RestoreLine;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Renders a {@link CutoverReport} as JSON for {@code --report-json}, with the contract's fields ({@code result},
 * {@code engine}, {@code durationMillis}, {@code tables}, {@code sequences}) plus the cutover's own. The fleet's
 * report and the copy/verify report reuse the rows ({@link Table}, {@link Sequence}, {@link Invariant}). Stateless.
 */
public final class JsonRenderer {
    private JsonRenderer() {
    }

    public static String render(CutoverReport r, String engine) {
        return RecordJson.render(new Document(r.succeeded() ? "passed" : "failed", r.outcome(), engine,
                r.duration().toMillis(), Table.of(r), r.sequences().stream().map(Sequence::of).toList(),
                Invariant.of(r), r.steps().stream().map(Step::of).toList(), new TreeMap<>(r.backup()),
                r.restoreProof().orElse(null), r.gitopsBranch(), r.retire(), r.downtime().map(Downtime::of).orElse(null)));
    }

    record Document(String result, String outcome, String engine, long durationMillis, List<Table> tables,
                    List<Sequence> sequences, List<Invariant> invariants, List<Step> steps, Map<String, String> backup,
                    RestoreLine restoreProof, String gitopsBranch, List<String> retire, Downtime downtime) {
    }

    /** Preflight's estimate of the app's time at 0 replicas and the measured time (null until the app is back). */
    public record Downtime(long estimatedMillis, Long measuredMillis) {
        public static Downtime of(CutoverReport.DowntimeLine d) {
            return new Downtime(d.estimated().toMillis(), d.measured().map(Duration::toMillis).orElse(null));
        }
    }

    /** A table's rows on both sides and whether they (and, when compared, their checksums) match. */
    public record Table(String name, long sourceRows, long targetRows, boolean match) {
        public static List<Table> of(CutoverReport r) {
            return r.tables().stream().map(t -> new Table(t.table(), t.sourceRows(), t.targetRows(), t.match())).toList();
        }
    }

    /** A sequence's value on both sides. */
    public record Sequence(String name, long source, long target, boolean match) {
        static Sequence of(CutoverReport.SequenceLine s) {
            return new Sequence(s.name(), s.source(), s.target(), s.match());
        }
    }

    /** An invariant's value before the fence, in the copy and after the cutover. */
    public record Invariant(String name, String before, String copied, String after, boolean match) {
        public static List<Invariant> of(CutoverReport r) {
            return r.invariants().stream().map(i -> new Invariant(i.name(), i.before(), i.copied(), i.after(), i.match()))
                    .toList();
        }
    }

    record Step(String id, String status, long durationMillis, String detail) {
        static Step of(CutoverReport.StepLine s) {
            return new Step(s.id(), s.status(), s.duration() == null ? 0 : s.duration().toMillis(), s.detail());
        }
    }
}
