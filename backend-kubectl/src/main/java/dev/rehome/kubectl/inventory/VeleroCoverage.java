package dev.rehome.kubectl.inventory;

import dev.rehome.core.audit.Coverage;
import dev.rehome.core.audit.Severity;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which Velero Schedules back up a data store: the schedule must include the namespace (globs) and select the
 * pods' labels, and then either copy the volume's files (fs-backup: {@code defaultVolumesToFsBackup} or the
 * pod's {@code backup.velero.io/backup-volumes} opt-in) or snapshot it. A schedule that includes the namespace
 * but neither is reported: it saves the manifests and not the data.
 */
final class VeleroCoverage {
    private static final Duration DEFAULT_WINDOW = Duration.ofDays(7);
    private static final String FS_OPT_IN = "backup.velero.io/backup-volumes";
    private static final String FS_OPT_OUT = "backup.velero.io/backup-volumes-excludes";
    private static final String PRE_HOOK = "pre.hook.backup.velero.io/command";

    private final ClusterInventory inventory;
    private final Clock clock;

    VeleroCoverage(ClusterInventory inventory, Clock clock) {
        this.inventory = inventory;
        this.clock = clock;
    }

    List<BackupEvidence> evaluate(DataStore store) {
        List<BackupEvidence> evidence = new ArrayList<>();
        for (GenericKubernetesResource schedule : inventory.custom(CustomKind.VELERO_SCHEDULE)) {
            if (!Fields.isTrue(schedule, "spec", "paused") && selects(schedule, store.workload())) {
                evidence.add(assess(schedule, store));
            }
        }
        return evidence;
    }

    private boolean selects(GenericKubernetesResource schedule, Workload workload) {
        String namespace = workload.namespace();
        List<String> included = Fields.strings(schedule, "spec", "template", "includedNamespaces");
        List<String> excluded = Fields.strings(schedule, "spec", "template", "excludedNamespaces");
        boolean in = included.isEmpty() || included.stream().anyMatch(g -> LabelSelectors.globMatches(g, namespace));
        boolean out = excluded.stream().anyMatch(g -> LabelSelectors.globMatches(g, namespace));
        List<String> resources = Fields.strings(schedule, "spec", "template", "includedResources");
        boolean podsIncluded = resources.isEmpty() || resources.contains("*") || resources.contains("pods")
                || resources.contains("persistentvolumeclaims");
        List<Object> orSelectors = Fields.list(schedule, "spec", "template", "orLabelSelectors");
        boolean labelsMatch = orSelectors.isEmpty()
                ? LabelSelectors.matches(Fields.map(schedule, "spec", "template", "labelSelector"), workload.podLabels())
                : orSelectors.stream().anyMatch(s -> s instanceof Map<?, ?> map
                        && LabelSelectors.matches(castMap(map), workload.podLabels()));
        return in && !out && podsIncluded && labelsMatch;
    }

    private BackupEvidence assess(GenericKubernetesResource schedule, DataStore store) {
        String via = "velero schedule " + Fields.namespace(schedule) + "/" + Fields.name(schedule);
        List<Issue> issues = new ArrayList<>();
        Map<String, String> annotations = store.workload().podAnnotations();
        List<String> optedOut = split(annotations.get(FS_OPT_OUT));
        List<String> optedIn = split(annotations.get(FS_OPT_IN));
        boolean fsDefault = Fields.isTrue(schedule, "spec", "template", "defaultVolumesToFsBackup");
        boolean snapshots = !Fields.isFalse(schedule, "spec", "template", "snapshotVolumes");
        List<String> volumeNames = dataVolumeNames(store);
        boolean fsBackup = !store.hostPaths().isEmpty() ? false
                : volumeNames.stream().anyMatch(v -> (fsDefault && !optedOut.contains(v)) || optedIn.contains(v));
        boolean snapshotted = snapshots && !store.volumes().isEmpty()
                && store.volumes().stream().allMatch(v -> v.pvc() != null && !v.nodeLocal());
        if (!fsBackup && !snapshotted) {
            issues.add(new Issue(Severity.HIGH, via + " includes it but saves only manifests: the data volume is "
                    + "neither fs-backed-up nor snapshottable" + (store.nodeLocal() ? " (node-local storage)" : ""),
                    "set defaultVolumesToFsBackup: true on " + via.substring("velero schedule ".length())
                            + " or annotate the pod with " + FS_OPT_IN));
            return new BackupEvidence(Coverage.NONE, via, null, issues);
        }
        if (fsBackup && !snapshotted && !annotations.containsKey(PRE_HOOK)) {
            issues.add(new Issue(Severity.MEDIUM, via + " copies the files of a running database, which is not "
                    + "crash-consistent without a pre-backup hook",
                    "add a " + PRE_HOOK + " annotation that dumps or flushes " + store.engine().label()));
        }
        Instant last = freshness(schedule, via, issues);
        return new BackupEvidence(Coverage.VELERO, via, last, issues);
    }

    private Instant freshness(GenericKubernetesResource schedule, String via, List<Issue> issues) {
        String name = Fields.name(schedule);
        List<GenericKubernetesResource> backups = inventory.custom(CustomKind.VELERO_BACKUP).stream()
                .filter(b -> b.getMetadata().getLabels() != null
                        && name.equals(b.getMetadata().getLabels().get("velero.io/schedule-name")))
                .sorted(Comparator.comparing((GenericKubernetesResource b) ->
                        Fields.instant(b, "status", "startTimestamp").orElse(Instant.EPOCH)).reversed())
                .toList();
        Optional<Instant> lastCompleted = backups.stream()
                .filter(b -> "Completed".equals(Fields.string(b, "status", "phase")))
                .map(b -> Fields.instant(b, "status", "completionTimestamp")).flatMap(Optional::stream)
                .max(Comparator.naturalOrder())
                .or(() -> Fields.instant(schedule, "status", "lastBackup"));
        if (!backups.isEmpty()) {
            String newestPhase = Fields.string(backups.get(0), "status", "phase");
            if ("Failed".equals(newestPhase) || "PartiallyFailed".equals(newestPhase)) {
                issues.add(new Issue(Severity.HIGH, "the newest backup of " + via + " is " + newestPhase,
                        "run `velero backup describe " + Fields.name(backups.get(0)) + " --details`"));
            }
        }
        Duration window = Ages.goDuration(Fields.string(schedule, "spec", "template", "ttl"))
                .filter(d -> d.compareTo(DEFAULT_WINDOW) < 0).orElse(DEFAULT_WINDOW);
        if (lastCompleted.isEmpty()) {
            issues.add(new Issue(Severity.HIGH, via + " has no completed backup",
                    "run `velero backup create --from-schedule " + name + "` and check its result"));
        } else if (Duration.between(lastCompleted.get(), clock.instant()).compareTo(window) > 0) {
            issues.add(Issue.of(Severity.HIGH, "stale: the newest completed backup of " + via + " is "
                    + Ages.describe(Duration.between(lastCompleted.get(), clock.instant())) + " old"));
        }
        return lastCompleted.orElse(null);
    }

    /** Names of the pod volumes (as pods see them) that hold the data. */
    private static List<String> dataVolumeNames(DataStore store) {
        List<String> names = new ArrayList<>();
        var spec = store.workload().podSpec();
        if (spec.getVolumes() != null) {
            for (var volume : spec.getVolumes()) {
                boolean isData = volume.getPersistentVolumeClaim() != null
                        && store.claimNames().contains(volume.getPersistentVolumeClaim().getClaimName())
                        || volume.getEmptyDir() != null && store.onEmptyDir();
                if (isData) {
                    names.add(volume.getName());
                }
            }
        }
        store.workload().claimTemplates().forEach(t -> names.add(t.getMetadata().getName()));
        return names;
    }

    private static List<String> split(String value) {
        return value == null ? List.of() : Arrays.stream(value.split(",")).map(String::trim).toList();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Map<?, ?> map) {
        return (Map<String, Object>) map;
    }

}
