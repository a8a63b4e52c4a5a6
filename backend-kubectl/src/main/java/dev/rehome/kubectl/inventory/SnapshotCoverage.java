package dev.rehome.kubectl.inventory;

import dev.rehome.core.audit.Coverage;
import dev.rehome.core.audit.Severity;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * CSI VolumeSnapshots of the data claims, taken on a schedule (snapscheduler's SnapshotSchedule selecting the
 * claims) or at least recently. Snapshots usually live on the storage system they copy, so they are a weaker
 * copy than an off-cluster backup.
 */
final class SnapshotCoverage {
    private static final Duration WINDOW = Duration.ofDays(7);

    private final ClusterInventory inventory;
    private final StorageIndex storage;
    private final Clock clock;

    SnapshotCoverage(ClusterInventory inventory, StorageIndex storage, Clock clock) {
        this.inventory = inventory;
        this.storage = storage;
        this.clock = clock;
    }

    Optional<BackupEvidence> evaluate(String namespace, List<String> claimNames) {
        if (claimNames.isEmpty()) {
            return Optional.empty();
        }
        List<GenericKubernetesResource> schedules = inventory.custom(CustomKind.SNAPSHOT_SCHEDULE).stream()
                .filter(s -> namespace.equals(Fields.namespace(s)))
                .filter(s -> !Fields.isTrue(s, "spec", "disabled"))
                .filter(s -> claimNames.stream().allMatch(claim -> selects(s, namespace, claim)))
                .toList();
        Optional<Instant> newest = inventory.custom(CustomKind.VOLUME_SNAPSHOT).stream()
                .filter(s -> namespace.equals(Fields.namespace(s)))
                .filter(s -> claimNames.contains(Fields.string(s, "spec", "source", "persistentVolumeClaimName")))
                .filter(s -> Fields.isTrue(s, "status", "readyToUse"))
                .map(s -> Fields.instant(s, "status", "creationTime")
                        .or(() -> Optional.ofNullable(s.getMetadata().getCreationTimestamp()).flatMap(Fields::parseInstant)))
                .flatMap(Optional::stream).max(Comparator.naturalOrder());
        if (schedules.isEmpty() && newest.isEmpty()) {
            return Optional.empty();
        }
        String via = schedules.isEmpty() ? "volume snapshots"
                : "snapshot schedule " + namespace + "/" + Fields.name(schedules.get(0));
        List<Issue> issues = new ArrayList<>();
        issues.add(Issue.of(Severity.LOW, "protected only by volume snapshots, which usually live on the same storage"));
        if (newest.isEmpty()) {
            issues.add(Issue.of(Severity.HIGH, via + " has no ready snapshot yet"));
        } else if (Duration.between(newest.get(), clock.instant()).compareTo(WINDOW) > 0) {
            issues.add(Issue.of(Severity.HIGH, "stale: the newest ready snapshot is "
                    + Ages.describe(Duration.between(newest.get(), clock.instant())) + " old"));
        }
        return Optional.of(new BackupEvidence(Coverage.SNAPSHOTS, via, newest.orElse(null), issues));
    }

    private boolean selects(GenericKubernetesResource schedule, String namespace, String claimName) {
        Map<String, String> labels = storage.claim(namespace, claimName)
                .map(PersistentVolumeClaim::getMetadata).map(m -> m.getLabels()).orElse(null);
        return LabelSelectors.matches(Fields.map(schedule, "spec", "claimSelector"), labels == null ? Map.of() : labels);
    }
}
