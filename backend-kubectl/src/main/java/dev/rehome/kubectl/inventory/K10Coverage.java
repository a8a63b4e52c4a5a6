package dev.rehome.kubectl.inventory;

import dev.rehome.core.audit.Coverage;
import dev.rehome.core.audit.Severity;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;

import java.util.List;
import java.util.Map;

/**
 * Kasten K10 backup policies ({@code config.kio.kasten.io/v1alpha1} Policy) that select a namespace, through
 * {@code spec.selector} on the namespace's {@code k10.kasten.io/appNamespace} label. K10 keeps its run history
 * outside these CRs, so freshness is not judged here.
 */
final class K10Coverage {
    private static final String APP_NAMESPACE = "k10.kasten.io/appNamespace";

    private final ClusterInventory inventory;

    K10Coverage(ClusterInventory inventory) {
        this.inventory = inventory;
    }

    List<BackupEvidence> evaluate(DataStore store) {
        String namespace = store.workload().namespace();
        return inventory.custom(CustomKind.K10_POLICY).stream()
                .filter(K10Coverage::backsUp)
                .filter(p -> !Fields.isTrue(p, "spec", "paused"))
                .filter(p -> LabelSelectors.matches(Fields.map(p, "spec", "selector"), Map.of(APP_NAMESPACE, namespace)))
                .map(p -> new BackupEvidence(Coverage.K10, "k10 policy " + Fields.namespace(p) + "/" + Fields.name(p),
                        null, List.of(Issue.of(Severity.LOW, "k10 policy " + Fields.name(p)
                                + " selects the namespace; its run history is in the K10 dashboard, not checked here"))))
                .toList();
    }

    private static boolean backsUp(GenericKubernetesResource policy) {
        return Fields.list(policy, "spec", "actions").stream()
                .anyMatch(a -> a instanceof Map<?, ?> action && "backup".equals(action.get("action")));
    }
}
