package dev.rehome.kubectl.backup;

import dev.rehome.core.MigrationException;
import dev.rehome.kubectl.Fields;
import dev.rehome.kubectl.NamespacedName;
import dev.rehome.kubectl.cnpg.CnpgKinds;
import dev.rehome.kubectl.retry.KubeRetry;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Judges the ScheduledBackups of a CNPG cluster: six-field cron (five fields run hourly), not suspended, and a
 * {@code lastScheduleTime} no older than the schedule allows (the run after it is not overdue). Next runs are
 * computed in UTC, the operator's zone. Thread-safe.
 */
public final class ScheduledBackupInspector {
    /** How late a scheduled run may be before it counts as missed. */
    static final Duration GRACE = Duration.ofMinutes(15);

    private final KubernetesClient client;
    private final Clock clock;
    private final KubeRetry retry;

    public ScheduledBackupInspector(KubernetesClient client, Clock clock, KubeRetry retry) {
        this.client = Objects.requireNonNull(client, "client");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.retry = Objects.requireNonNull(retry, "retry");
    }

    /** One report per ScheduledBackup of {@code cluster}; empty when there is none (itself a coverage gap). */
    public List<ScheduleReport> inspect(NamespacedName cluster) {
        List<GenericKubernetesResource> all = retry.call(() -> CnpgKinds.of(client, CnpgKinds.SCHEDULED_BACKUP)
                .inNamespace(cluster.namespace()).list().getItems());
        return all.stream()
                .filter(s -> cluster.name().equals(Fields.string(s, "spec", "cluster", "name").orElse("")))
                .map(this::judge).toList();
    }

    /** The earliest next run over the sane schedules of {@code cluster}, if any. */
    public Optional<Instant> nextRun(NamespacedName cluster) {
        return inspect(cluster).stream().filter(ScheduleReport::sane).flatMap(r -> r.nextRun().stream())
                .min(Instant::compareTo);
    }

    ScheduleReport judge(GenericKubernetesResource s) {
        String name = s.getMetadata().getName();
        String expression = Fields.string(s, "spec", "schedule").orElse("");
        boolean suspended = Fields.isTrue(s, "spec", "suspend");
        Optional<Instant> last = Fields.instant(s, "status", "lastScheduleTime");
        Instant now = clock.instant();
        List<String> problems = new ArrayList<>();
        Optional<Instant> next = Optional.empty();
        try {
            CronSchedule cron = CronSchedule.parse(expression);
            next = Optional.of(cron.nextAfter(now, ZoneOffset.UTC));
            if (!cron.hasSixFields()) {
                Instant second = cron.nextAfter(next.get(), ZoneOffset.UTC);
                problems.add("schedule '" + expression + "' has five fields; CNPG reads seconds first, so it runs every "
                        + Duration.between(next.get(), second).toMinutes() + " minutes (next " + next.get() + "), "
                        + "not once a day; prefix a seconds field: '0 " + expression + "'");
            }
            if (last.isEmpty()) {
                problems.add("it has never run (no status.lastScheduleTime)");
            } else {
                Instant due = cron.nextAfter(last.get(), ZoneOffset.UTC);
                if (due.plus(GRACE).isBefore(now)) {
                    problems.add("the run due at " + due + " did not happen (last run " + last.get()
                            + "); check the operator and the ScheduledBackup's status.error");
                }
            }
        } catch (MigrationException e) {
            problems.add("schedule '" + expression + "' is invalid: " + e.getMessage());
        }
        if (suspended) {
            problems.add("it is suspended (spec.suspend: true)");
            next = Optional.empty();
        }
        return new ScheduleReport(name, expression, suspended, last, next,
                Fields.string(s, "spec", "method").orElse("barmanObjectStore"), problems);
    }
}
