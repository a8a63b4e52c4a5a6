package dev.rehome.kubectl.inventory;

import dev.rehome.core.audit.Coverage;
import dev.rehome.core.audit.Evidence;
import dev.rehome.core.audit.Severity;
import dev.rehome.kubectl.Fields;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Kasten K10 backup policies ({@code config.kio.kasten.io/v1alpha1} Policy) that select a namespace through
 * {@code spec.selector} on its {@code k10.kasten.io/appNamespace} label, judged by their runs: the BackupActions
 * K10 leaves in the application's namespace, labelled with the policy's name. K10 snapshots volumes; a hostPath PV
 * has no snapshot, so without a Kanister sidecar (generic storage backup) it exports only manifests.
 */
final class K10Coverage {
    private static final String APP_NAMESPACE = "k10.kasten.io/appNamespace";
    private static final String POLICY_NAME = "k10.kasten.io/policyName";
    private static final Set<String> FINISHED = Set.of("Complete", "Failed");

    private final ClusterInventory inventory;
    private final VolumeCapture capture;
    private final ScheduleRuns runs;

    K10Coverage(ClusterInventory inventory, VolumeCapture capture, ScheduleRuns runs) {
        this.inventory = inventory;
        this.capture = capture;
        this.runs = runs;
    }

    List<Verdict> evaluate(DataStore store) {
        String namespace = store.workload().namespace();
        return inventory.custom(CustomKind.K10_POLICY).stream()
                .filter(K10Coverage::backsUp)
                .filter(p -> LabelSelectors.matches(Fields.map(p, "spec", "selector").orElse(null),
                        Map.of(APP_NAMESPACE, namespace)))
                .map(p -> assess(p, store))
                .toList();
    }

    private Verdict assess(GenericKubernetesResource policy, DataStore store) {
        String qualified = Fields.namespace(policy) + "/" + Fields.name(policy);
        String via = "k10 policy " + qualified;
        String object = "Policy " + qualified;
        String namespace = store.workload().namespace();
        List<Evidence> evidence = new ArrayList<>();
        evidence.add(new Evidence(object, "spec.selector",
                String.valueOf(Fields.map(policy, "spec", "selector").orElse(null)),
                "selects namespace " + namespace));
        if (!hasKanisterSidecar(store)) {
            for (DataStore.DataVolume volume : store.data()) {
                VolumeCapture.Capture taken = capture.fileSystemBackup(store.workload(), volume);
                if (!taken.possible()) {
                    evidence.addAll(taken.evidence());
                    return new Verdict.CannotCapture(Coverage.K10, via, via + " selects it, but K10 cannot snapshot "
                            + "this volume: " + taken.why().replace("file-system backup skips", "there is no snapshot of")
                            + ", and no Kanister sidecar does a generic backup",
                            "move the data off hostPath/local-path, or enable K10 generic storage backup", evidence);
                }
            }
        }
        List<Issue> issues = new ArrayList<>();
        if (Fields.isTrue(policy, "spec", "paused")) {
            issues.add(Issue.of(Severity.HIGH, via + " is paused: no new backups"));
            evidence.add(new Evidence(object, "spec.paused", "true", "takes no new backups"));
        }
        String name = Fields.name(policy);
        List<ScheduleRuns.Run> finished = inventory.custom(CustomKind.K10_BACKUP_ACTION).stream()
                .filter(a -> namespace.equals(Fields.namespace(a)))
                .filter(a -> a.getMetadata().getLabels() != null && name.equals(a.getMetadata().getLabels().get(POLICY_NAME)))
                .filter(a -> Fields.string(a, "status", "state").filter(FINISHED::contains).isPresent())
                .map(a -> new ScheduleRuns.Run("BackupAction " + namespace + "/" + Fields.name(a), "status.state",
                        Fields.string(a, "status", "state").orElse(null),
                        ScheduleRuns.finishedAt(a, "endTime", "startTime"),
                        "Complete".equals(Fields.string(a, "status", "state").orElse(""))))
                .toList();
        return runs.judge(Coverage.K10, via,
                new ScheduleRuns.Cron(object, "spec.frequency",
                        Fields.string(policy, "spec", "frequency").orElse(null)), finished, evidence,
                issues, "check the policy's runs in the K10 dashboard (`kubectl get backupactions -n " + namespace + "`)");
    }

    private static boolean hasKanisterSidecar(DataStore store) {
        List<Container> containers = store.workload().podSpec().getContainers();
        return containers != null && containers.stream().anyMatch(c -> "kanister-sidecar".equals(c.getName()));
    }

    private static boolean backsUp(GenericKubernetesResource policy) {
        return Fields.list(policy, "spec", "actions").stream()
                .anyMatch(a -> a instanceof Map<?, ?> action && "backup".equals(action.get("action")));
    }
}
