package dev.rehome.kubectl.inventory;

import dev.rehome.core.audit.Severity;
import dev.rehome.kubectl.Fields;
import dev.rehome.kubectl.backup.CronSchedule;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** A CNPG Cluster's ScheduledBackups: whether there is one that runs, when CNPG thinks it runs, and how often. */
final class CnpgSchedules {
    private final ClusterInventory inventory;

    CnpgSchedules(ClusterInventory inventory) {
        this.inventory = inventory;
    }

    void check(String namespace, String name, List<Issue> issues) {
        List<GenericKubernetesResource> schedules = inventory.custom(CustomKind.CNPG_SCHEDULED_BACKUP).stream()
                .filter(s -> namespace.equals(Fields.namespace(s)))
                .filter(s -> Fields.string(s, "spec", "cluster", "name").filter(name::equals).isPresent()).toList();
        if (schedules.isEmpty()) {
            issues.add(new Issue(Severity.MEDIUM, "no ScheduledBackup: base backups happen only when someone takes one",
                    "add a ScheduledBackup for " + namespace + "/" + name + " with a six-field schedule, e.g. '0 0 2 * * *'"));
            return;
        }
        if (schedules.stream().allMatch(s -> Fields.isTrue(s, "spec", "suspend"))) {
            issues.add(Issue.of(Severity.MEDIUM, "every ScheduledBackup is suspended"));
        }
        for (GenericKubernetesResource schedule : schedules) {
            String cron = Fields.string(schedule, "spec", "schedule").orElse("").trim();
            int fields = cron.isEmpty() ? 0 : cron.split("\\s+").length;
            if (fields != 6 && !cron.startsWith("@")) {
                String qualified = namespace + "/" + Fields.name(schedule);
                issues.add(new Issue(Severity.MEDIUM, "ScheduledBackup " + qualified + " has a " + fields
                        + "-field schedule '" + cron + "': CNPG's cron has seconds first, so it does not run when intended"
                        + (fields == 5 ? " ('0 2 * * *' runs hourly at minute 2)" : ""),
                        "set spec.schedule of ScheduledBackup " + qualified + " to '0 " + cron + "' (six fields, seconds first)"));
            }
        }
    }

    /**
     * The shortest period among the cluster's active ScheduledBackups, as CNPG reads the cron: seconds first, so a
     * five-field {@code 0 2 * * *} is second 0, minute 2 of every hour.
     */
    Optional<Duration> period(GenericKubernetesResource cluster) {
        return inventory.custom(CustomKind.CNPG_SCHEDULED_BACKUP).stream()
                .filter(s -> Fields.namespace(cluster).equals(Fields.namespace(s)))
                .filter(s -> Fields.string(s, "spec", "cluster", "name").filter(Fields.name(cluster)::equals)
                        .isPresent())
                .filter(s -> !Fields.isTrue(s, "spec", "suspend"))
                .map(s -> Fields.string(s, "spec", "schedule").orElse("").trim())
                .map(CnpgSchedules::longestGap).flatMap(Optional::stream).min(Comparator.naturalOrder());
    }

    /** The longest gap between runs, with CNPG's own reading of the cron. */
    private static Optional<Duration> longestGap(String cron) {
        try {
            return Optional.of(CronSchedule.cnpg(cron).longestGap());
        } catch (RuntimeException e) {
            // not a schedule CNPG can run: the six-field check above reports it
            return Optional.empty();
        }
    }
}
