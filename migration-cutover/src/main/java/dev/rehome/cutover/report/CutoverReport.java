package dev.rehome.cutover.report;

import dev.rehome.core.cutover.CutoverOutcome;
import dev.rehome.core.cutover.CutoverConfig;
import dev.rehome.core.cutover.Invariant;
import dev.rehome.cutover.steps.Facts;
import dev.rehome.core.StepResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The facts of one migrate run arranged for people and scripts. Immutable; {@link MarkdownRenderer} and
 * {@link JsonRenderer} turn it into text.
 */
public record CutoverReport(String title, boolean succeeded, String outcome, List<StepLine> steps,
                            List<TableLine> tables, List<SequenceLine> sequences, List<InvariantLine> invariants,
                            Map<String, String> backup, Optional<RestoreLine> restoreProof, String gitopsBranch,
                            String gitopsDiff, List<String> retire, List<String> notices, Duration duration,
                            Optional<DowntimeLine> downtime) {
    public CutoverReport {
        steps = List.copyOf(steps);
        tables = List.copyOf(tables);
        sequences = List.copyOf(sequences);
        invariants = List.copyOf(invariants);
        backup = Map.copyOf(backup);
        java.util.Objects.requireNonNull(restoreProof, "restoreProof");
        retire = List.copyOf(retire);
        notices = List.copyOf(notices);
        java.util.Objects.requireNonNull(downtime, "downtime");
    }

    /**
     * The app's time at 0 replicas: what preflight estimated, and what it was, from the quiesce to the health check
     * after the scale-up (empty while the app has not come back on the new home), across reruns of one move.
     */
    public record DowntimeLine(Duration estimated, Optional<Duration> measured) {
    }

    public record StepLine(String id, String status, Duration duration, String detail) {
    }

    /** The restore proof of the first backup: passed, failed or skipped, with rows compared and time to restore. */
    public record RestoreLine(String status, String database, String backup, long rowsCompared, double secondsToRestore,
                              String detail) {
    }

    public record TableLine(String table, long sourceRows, long targetRows, boolean checksumCompared, boolean match) {
    }

    public record SequenceLine(String name, long source, long target) {
        public boolean match() {
            return source == target;
        }
    }

    public record InvariantLine(String name, String sql, String before, String copied, String after) {
        public boolean match() {
            return before.equals(copied) && (after.isEmpty() || before.equals(after));
        }
    }

    public static CutoverReport of(CutoverConfig config, CutoverOutcome outcome, List<String> retirePlan) {
        Map<String, String> f = outcome.result().facts();
        List<StepLine> steps = new ArrayList<>();
        for (StepResult r : outcome.result().steps()) {
            steps.add(line(r));
        }
        List<TableLine> tables = new ArrayList<>();
        for (String t : split(f.get(Facts.VERIFY_TABLES))) {
            String[] p = t.split("\\|", -1);
            boolean compared = !p[3].isEmpty() || !p[4].isEmpty();
            tables.add(new TableLine(p[0], Long.parseLong(p[1]), Long.parseLong(p[2]), compared,
                    p[1].equals(p[2]) && p[3].equals(p[4])));
        }
        List<SequenceLine> sequences = new ArrayList<>();
        for (String s : split(f.get(Facts.VERIFY_SEQUENCES))) {
            String[] p = s.split("\\|", -1);
            sequences.add(new SequenceLine(p[0], Long.parseLong(p[1]), Long.parseLong(p[2])));
        }
        List<InvariantLine> invariants = new ArrayList<>();
        for (Invariant i : config.invariants()) {
            invariants.add(new InvariantLine(i.name(), i.sql(), f.getOrDefault(Facts.INVARIANT_BEFORE + i.name(), ""),
                    f.getOrDefault(Facts.INVARIANT_TARGET + i.name(), ""), f.getOrDefault(Facts.INVARIANT_AFTER + i.name(), "")));
        }
        Map<String, String> backup = new LinkedHashMap<>();
        copy(f, Facts.BACKUP_NAME, "Backup", backup);
        copy(f, Facts.BACKUP_ID, "backupId", backup);
        copy(f, Facts.BACKUP_COMPLETED_AT, "completed at", backup);
        copy(f, Facts.SCHEDULE, "ScheduledBackup", backup);
        copy(f, Facts.NEXT_DAILY, "next daily backup including the database", backup);
        Optional<RestoreLine> restore = Optional.ofNullable(f.get(Facts.RESTORE_STATUS)).map(status -> new RestoreLine(
                status, config.target().database(), f.getOrDefault(Facts.BACKUP_NAME, ""),
                Long.parseLong(f.getOrDefault(Facts.RESTORE_ROWS, "0")),
                Double.parseDouble(f.getOrDefault(Facts.RESTORE_SECONDS, "0")), f.getOrDefault(Facts.RESTORE_DETAIL, "")));
        boolean ok = outcome.result().succeeded();
        boolean rolledBack = outcome.result().steps().stream().anyMatch(r -> r instanceof StepResult.RolledBack);
        String result = ok ? "moved and verified" : rolledBack ? "failed and rolled back: the app is on the old database"
                : "failed";
        return new CutoverReport("rehome: " + config.app().deployment() + " -> " + config.target().namespace() + "/"
                + config.target().cluster() + "/" + config.target().database(), ok, result, steps, tables, sequences,
                invariants, backup, restore, outcome.gitops().map(g -> g.branch()).orElse(""),
                outcome.gitops().map(g -> g.diff()).orElse(""), retirePlan, outcome.notices(), outcome.result().duration(),
                downtime(f));
    }

    private static Optional<DowntimeLine> downtime(Map<String, String> f) {
        return Optional.ofNullable(f.get(Facts.DOWNTIME_ESTIMATE_MILLIS)).map(ms -> new DowntimeLine(
                Duration.ofMillis(Long.parseLong(ms)), Optional.ofNullable(f.get(Facts.APP_DOWN_AT))
                .flatMap(down -> Optional.ofNullable(f.get(Facts.APP_UP_AT))
                        .map(up -> Duration.between(java.time.Instant.parse(down), java.time.Instant.parse(up))))));
    }

    static StepLine line(StepResult r) {
        if (r instanceof StepResult.Skipped s) {
            return new StepLine(s.stepId(), "skipped", s.duration(), s.reason());
        }
        if (r instanceof StepResult.Failed s) {
            return new StepLine(s.stepId(), "FAILED", s.duration(), oneLine(s.cause()));
        }
        if (r instanceof StepResult.RolledBack s) {
            return new StepLine(s.stepId(), "rolled back", s.duration(), "");
        }
        return new StepLine(r.stepId(), "done", r.duration(), "");
    }

    private static void copy(Map<String, String> facts, String key, String label, Map<String, String> out) {
        if (facts.containsKey(key)) {
            out.put(label, facts.get(key));
        }
    }

    private static List<String> split(String s) {
        return s == null || s.isEmpty() ? List.of() : List.of(s.split(";"));
    }

    private static String oneLine(Throwable t) {
        String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
