package dev.rehome.kubectl.inventory;

import dev.rehome.core.audit.Coverage;
import dev.rehome.core.audit.Evidence;
import dev.rehome.core.audit.Severity;
import dev.rehome.kubectl.Fields;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * What each Velero Schedule does for a data store. A schedule counts only when it selects the pod (namespace
 * globs, label selectors, included resources), every data volume is taken by a path that can capture it
 * (file-system backup by {@code defaultVolumesToFsBackup} or the pod's {@code backup.velero.io/backup-volumes}
 * opt-in, minus {@code backup-volumes-excludes}; else a CSI snapshot), and its newest backup completed within two
 * periods ({@link ScheduleRuns}). A schedule that selects the pod but captures no data is named as such: it saves
 * manifests, and its backups still say Completed.
 */
final class VeleroCoverage {
    private static final String FS_OPT_IN = "backup.velero.io/backup-volumes";
    private static final String FS_OPT_OUT = "backup.velero.io/backup-volumes-excludes";
    private static final String PRE_HOOK = "pre.hook.backup.velero.io/command";

    private final ClusterInventory inventory;
    private final VolumeCapture capture;
    private final ScheduleRuns runs;

    VeleroCoverage(ClusterInventory inventory, VolumeCapture capture, ScheduleRuns runs) {
        this.inventory = inventory;
        this.capture = capture;
        this.runs = runs;
    }

    List<Verdict> evaluate(DataStore store) {
        List<Verdict> verdicts = new ArrayList<>();
        for (GenericKubernetesResource schedule : inventory.custom(CustomKind.VELERO_SCHEDULE)) {
            // A paused schedule takes no backups: it is not a mechanism for this data at all.
            if (!Fields.isTrue(schedule, "spec", "paused") && selects(schedule, store.workload())) {
                verdicts.add(assess(schedule, store));
            }
        }
        return verdicts;
    }

    private boolean selects(GenericKubernetesResource schedule, Workload workload) {
        String namespace = workload.namespace();
        List<String> included = Fields.strings(schedule, "spec", "template", "includedNamespaces");
        List<String> excluded = Fields.strings(schedule, "spec", "template", "excludedNamespaces");
        boolean in = included.isEmpty() || included.stream().anyMatch(g -> LabelSelectors.globMatches(g, namespace));
        boolean out = excluded.stream().anyMatch(g -> LabelSelectors.globMatches(g, namespace));
        List<String> resources = Fields.strings(schedule, "spec", "template", "includedResources");
        List<String> excludedResources = Fields.strings(schedule, "spec", "template", "excludedResources");
        boolean podsIncluded = (resources.isEmpty() || resources.contains("*") || resources.contains("pods"))
                && !excludedResources.contains("pods");
        List<Object> orSelectors = Fields.list(schedule, "spec", "template", "orLabelSelectors");
        boolean labelsMatch = orSelectors.isEmpty()
                ? LabelSelectors.matches(Fields.map(schedule, "spec", "template", "labelSelector").orElse(null),
                        workload.podLabels())
                : orSelectors.stream().anyMatch(s -> s instanceof Map<?, ?> map
                        && LabelSelectors.matches(castMap(map), workload.podLabels()));
        return in && !out && podsIncluded && labelsMatch;
    }

    private Verdict assess(GenericKubernetesResource schedule, DataStore store) {
        String qualified = Fields.namespace(schedule) + "/" + Fields.name(schedule);
        String via = "velero schedule " + qualified;
        String object = "Schedule " + qualified;
        List<Evidence> evidence = new ArrayList<>();
        evidence.add(new Evidence(object, "spec.template.includedNamespaces",
                String.valueOf(Fields.strings(schedule, "spec", "template", "includedNamespaces")),
                "selects namespace " + store.workload().namespace()));
        Map<String, String> annotations = store.workload().podAnnotations();
        List<String> optedOut = split(annotations.get(FS_OPT_OUT));
        List<String> optedIn = split(annotations.get(FS_OPT_IN));
        boolean fsDefault = Fields.isTrue(schedule, "spec", "template", "defaultVolumesToFsBackup");
        boolean snapshots = !Fields.isFalse(schedule, "spec", "template", "snapshotVolumes");
        evidence.add(new Evidence(object, "spec.template.defaultVolumesToFsBackup", String.valueOf(fsDefault),
                fsDefault ? "copies the files of every pod volume not excluded" : "copies only opted-in pod volumes"));
        if (store.data().isEmpty()) {
            return new Verdict.CannotCapture(Coverage.VELERO, via, via + " selects it, but the data lives in the "
                    + "container's own filesystem, which no backup copies", "mount a volume at the data directory",
                    evidence);
        }
        boolean fileSystemOnly = true;
        for (DataStore.DataVolume volume : store.data()) {
            String name = volume.podVolume();
            boolean fsSelected = optedIn.contains(name) || fsDefault && !optedOut.contains(name);
            if (optedOut.contains(name)) {
                evidence.add(new Evidence(store.workload().kind() + " " + store.workload().qualifiedName(),
                        "spec.template.metadata.annotations[" + FS_OPT_OUT + "]", annotations.get(FS_OPT_OUT),
                        "excludes volume " + name + " from file-system backup"));
            }
            VolumeCapture.Capture taken = fsSelected ? capture.fileSystemBackup(store.workload(), volume)
                    : snapshots ? capture.csiSnapshot(store.workload(), volume)
                    : new VolumeCapture.Capture(false, "volume " + name + " is neither opted in to file-system backup"
                    + " nor snapshotted (snapshotVolumes: false)", List.of(new Evidence(object,
                    "spec.template.snapshotVolumes", "false", "takes no volume snapshots")));
            evidence.addAll(taken.evidence());
            if (!taken.possible()) {
                return new Verdict.CannotCapture(Coverage.VELERO, via, via + " selects it, but saves no copy of the "
                        + "data: " + taken.why(), remedy(volume, fsSelected, qualified), evidence);
            }
            fileSystemOnly &= fsSelected;
        }
        List<Issue> issues = new ArrayList<>();
        if (fileSystemOnly && !annotations.containsKey(PRE_HOOK)) {
            issues.add(new Issue(Severity.MEDIUM, via + " copies the files of a running database, which is not "
                    + "crash-consistent without a pre-backup hook",
                    "add a " + PRE_HOOK + " annotation that dumps or flushes " + store.engine().label()));
        }
        return runs.velero(schedule, via, evidence, issues);
    }

    private static String remedy(DataStore.DataVolume volume, boolean fsSelected, String schedule) {
        if (volume.hostPath() != null || fsSelected && volume.info().nodeLocal()) {
            return "move the data off hostPath/local-path (e.g. `rehome-fleet plan` into CNPG), or back it up with "
                    + "a dump that leaves the node";
        }
        return "annotate the pod with " + FS_OPT_IN + "=" + volume.podVolume()
                + " or set defaultVolumesToFsBackup: true on " + schedule;
    }

    private static List<String> split(String value) {
        return value == null ? List.of() : Arrays.stream(value.split(",")).map(String::trim).toList();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Map<?, ?> map) {
        return (Map<String, Object>) map;
    }
}
