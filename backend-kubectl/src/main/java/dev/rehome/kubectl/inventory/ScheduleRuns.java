package dev.rehome.kubectl.inventory;

import dev.rehome.core.audit.Coverage;
import dev.rehome.core.audit.Evidence;
import dev.rehome.core.audit.Severity;
import dev.rehome.kubectl.Fields;
import dev.rehome.kubectl.backup.CronSchedule;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Did a mechanism that can capture the data actually do so recently? Its newest finished run must have succeeded
 * and finished within two periods of its schedule; a failed newest run or an old success leaves a copy that is
 * {@link Verdict.Stale}, and no success ever leaves none.
 */
final class ScheduleRuns {
    /** How old a good backup may be when the schedule's period cannot be read. */
    static final Duration UNKNOWN_PERIOD_WINDOW = Duration.ofDays(7);
    private static final Set<String> VELERO_TERMINAL = Set.of("Completed", "PartiallyFailed", "Failed",
            "FailedValidation");

    /**
     * One finished run.
     *
     * @param object    the run's object, as evidence names it
     * @param field     the field its outcome was read from
     * @param outcome   what that field holds
     */
    record Run(String object, String field, String outcome, Instant finished, boolean succeeded) {
    }

    /** A schedule as evidence names it: {@code Schedule velero/nightly}, {@code spec.schedule}, {@code 0 2 * * *}. */
    record Cron(String object, String field, String expression) {
    }

    private final ClusterInventory inventory;
    private final Clock clock;

    ScheduleRuns(ClusterInventory inventory, Clock clock) {
        this.inventory = inventory;
        this.clock = clock;
    }

    /** A Velero Schedule's Backups (label {@code velero.io/schedule-name}). */
    Verdict velero(GenericKubernetesResource schedule, String via, List<Evidence> evidence, List<Issue> issues) {
        String name = Fields.name(schedule);
        String namespace = Fields.namespace(schedule);
        List<Run> runs = inventory.custom(CustomKind.VELERO_BACKUP).stream()
                .filter(b -> namespace.equals(Fields.namespace(b)))
                .filter(b -> b.getMetadata().getLabels() != null
                        && name.equals(b.getMetadata().getLabels().get("velero.io/schedule-name")))
                .filter(b -> Fields.string(b, "status", "phase").filter(VELERO_TERMINAL::contains).isPresent())
                .map(b -> new Run("Backup " + namespace + "/" + Fields.name(b), "status.phase",
                        Fields.string(b, "status", "phase").orElse(null),
                        finishedAt(b, "completionTimestamp", "startTimestamp"),
                        "Completed".equals(Fields.string(b, "status", "phase").orElse(""))))
                .toList();
        String cron = Fields.string(schedule, "spec", "schedule").orElse(null);
        return judge(Coverage.VELERO, via, new Cron("Schedule " + namespace + "/" + name, "spec.schedule", cron), runs,
                evidence, issues,
                "run `velero backup create --from-schedule " + name + " -n " + namespace + "` and read its result");
    }

    /**
     * The shared judgement.
     *
     * @param cron the schedule and where it was read; a null or unreadable expression means the period is unknown
     */
    Verdict judge(Coverage mechanism, String via, Cron cron, List<Run> runs, List<Evidence> evidence,
                  List<Issue> issues, String remedy) {
        List<Evidence> facts = new ArrayList<>(evidence);
        List<Issue> risks = new ArrayList<>(issues);
        Optional<Duration> period = cron.expression() == null ? Optional.empty()
                : CronSchedule.longestGapOfAny(CronSchedule.readableStandard(List.of(cron.expression().split(" \\| "))));
        Duration window = period.map(p -> p.multipliedBy(2)).orElse(UNKNOWN_PERIOD_WINDOW);
        facts.add(new Evidence(cron.object(), cron.field(), cron.expression(), period.map(p -> "runs every "
                + Ages.describe(p) + " at most").orElse("period unknown: judged against " + Ages.describe(window))));
        Optional<Run> newest = runs.stream().max(Comparator.comparing(Run::finished));
        Optional<Run> lastGood = runs.stream().filter(Run::succeeded).max(Comparator.comparing(Run::finished));
        newest.ifPresent(r -> facts.add(new Evidence(r.object(), r.field(), r.outcome(), "the newest finished run, "
                + r.finished())));
        if (lastGood.isEmpty()) {
            String why = via + " has never finished a good backup"
                    + newest.map(r -> " (newest run: " + r.outcome() + ")").orElse("");
            return new Verdict.NeverSucceeded(mechanism, via, why, remedy, facts);
        }
        Run good = lastGood.get();
        if (good != newest.get()) {
            facts.add(new Evidence(good.object(), good.field(), good.outcome(), "the last good run, " + good.finished()));
        }
        Duration age = Duration.between(good.finished(), clock.instant());
        if (!newest.get().succeeded()) {
            risks.add(new Issue(Severity.HIGH, "failing: the newest run of " + via + " (" + newest.get().object()
                    + ") is " + newest.get().outcome() + "; the last good backup is " + Ages.describe(age) + " old",
                    remedy));
            return new Verdict.Stale(mechanism, via, good.finished(), "newest run " + newest.get().outcome(), facts, risks);
        }
        if (age.compareTo(window) > 0) {
            risks.add(new Issue(Severity.HIGH, "stale: the newest good backup of " + via + " is " + Ages.describe(age)
                    + " old, more than two periods (" + Ages.describe(window) + ")", remedy));
            return new Verdict.Stale(mechanism, via, good.finished(), "older than two periods", facts, risks);
        }
        return new Verdict.Protects(mechanism, via, good.finished(), period.orElse(null), facts, risks);
    }

    /** When a run finished: the first of these status fields that is set, else when it was created. */
    static Instant finishedAt(GenericKubernetesResource resource, String... statusFields) {
        for (String field : statusFields) {
            Optional<Instant> at = Fields.instant(resource, "status", field);
            if (at.isPresent()) {
                return at.get();
            }
        }
        return Optional.ofNullable(resource.getMetadata().getCreationTimestamp()).flatMap(Fields::parseInstant)
                .orElse(Instant.EPOCH);
    }
}
