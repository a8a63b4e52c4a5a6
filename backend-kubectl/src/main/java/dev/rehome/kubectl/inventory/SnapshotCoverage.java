package dev.rehome.kubectl.inventory;

import dev.rehome.core.audit.Coverage;
import dev.rehome.core.audit.Severity;
import dev.rehome.kubectl.Fields;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * CSI VolumeSnapshots of the data claims, taken on a schedule (snapscheduler's SnapshotSchedule selecting the
 * claims) or at least recently. Snapshots usually live on the storage system they copy, so they are a weaker
 * copy than an off-cluster backup.
 */
final class SnapshotCoverage {
    private final ClusterInventory inventory;
    private final StorageIndex storage;
    private final ScheduleRuns runs;

    SnapshotCoverage(ClusterInventory inventory, StorageIndex storage, ScheduleRuns runs) {
        this.inventory = inventory;
        this.storage = storage;
        this.runs = runs;
    }

    Optional<Verdict> evaluate(String namespace, List<String> claimNames) {
        if (claimNames.isEmpty()) {
            return Optional.empty();
        }
        List<GenericKubernetesResource> schedules = inventory.custom(CustomKind.SNAPSHOT_SCHEDULE).stream()
                .filter(s -> namespace.equals(Fields.namespace(s)))
                .filter(s -> !Fields.isTrue(s, "spec", "disabled"))
                .filter(s -> claimNames.stream().allMatch(claim -> selects(s, namespace, claim)))
                .toList();
        List<ScheduleRuns.Run> snapshots = inventory.custom(CustomKind.VOLUME_SNAPSHOT).stream()
                .filter(s -> namespace.equals(Fields.namespace(s)))
                .filter(s -> Fields.string(s, "spec", "source", "persistentVolumeClaimName")
                        .filter(claimNames::contains).isPresent())
                .filter(s -> Fields.isTrue(s, "status", "readyToUse") || Fields.map(s, "status", "error").isPresent())
                .map(s -> new ScheduleRuns.Run("VolumeSnapshot " + namespace + "/" + Fields.name(s),
                        "status.readyToUse", String.valueOf(Fields.isTrue(s, "status", "readyToUse")),
                        ScheduleRuns.finishedAt(s, "creationTime"), Fields.isTrue(s, "status", "readyToUse")))
                .toList();
        if (schedules.isEmpty() && snapshots.isEmpty()) {
            return Optional.empty();
        }
        String scheduleObject = schedules.isEmpty() ? "VolumeSnapshot " + namespace + "/*"
                : "SnapshotSchedule " + namespace + "/" + Fields.name(schedules.get(0));
        String via = schedules.isEmpty() ? "volume snapshots"
                : "snapshot schedule " + namespace + "/" + Fields.name(schedules.get(0));
        String cron = schedules.isEmpty() ? null : Fields.string(schedules.get(0), "spec", "schedule").orElse(null);
        List<Issue> issues = List.of(Issue.of(Severity.LOW,
                "protected only by volume snapshots, which usually live on the same storage"));
        return Optional.of(runs.judge(Coverage.SNAPSHOTS, via,
                new ScheduleRuns.Cron(scheduleObject, "spec.schedule", cron), snapshots, List.of(), issues,
                "check the snapshot controller's events for " + namespace));
    }

    private boolean selects(GenericKubernetesResource schedule, String namespace, String claimName) {
        Map<String, String> labels = storage.claim(namespace, claimName)
                .map(PersistentVolumeClaim::getMetadata).map(m -> m.getLabels()).orElse(null);
        return LabelSelectors.matches(Fields.map(schedule, "spec", "claimSelector").orElse(null),
                labels == null ? Map.of() : labels);
    }
}
