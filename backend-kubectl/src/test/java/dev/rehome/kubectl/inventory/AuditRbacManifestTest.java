package dev.rehome.kubectl.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The README's read-only RBAC for a scheduled audit grants exactly what the audit lists, and only reads. */
class AuditRbacManifestTest {
    private static final Path MANIFEST = Path.of("..", "deploy", "audit", "rbac.yaml");
    /** Built-in kinds {@link InventoryReader} lists, as {@code plural.group} ({@code ""} is the core group). */
    private static final List<String> BUILT_IN = List.of("namespaces.", "pods.", "services.",
            "persistentvolumeclaims.", "persistentvolumes.", "deployments.apps", "statefulsets.apps",
            "daemonsets.apps", "cronjobs.batch", "storageclasses.storage.k8s.io");

    @Test
    void theClusterRoleGrantsReadOfEveryKindTheAuditListsAndNothingMore() throws Exception {
        ClusterRole role = clusterRole();
        Set<String> granted = new HashSet<>();
        for (PolicyRule rule : role.getRules()) {
            assertThat(rule.getVerbs()).as("read-only verbs").isSubsetOf("get", "list", "watch");
            for (String group : rule.getApiGroups()) {
                rule.getResources().forEach(r -> granted.add(r + "." + group));
            }
        }
        Set<String> read = new HashSet<>(BUILT_IN);
        for (CustomKind kind : CustomKind.values()) {
            read.add(kind.displayName());
        }
        assertThat(granted).containsExactlyInAnyOrderElementsOf(read).doesNotContain("secrets.");
    }

    private static ClusterRole clusterRole() throws Exception {
        try (KubernetesClient client = new KubernetesClientBuilder().build();
             InputStream in = Files.newInputStream(MANIFEST)) {
            List<HasMetadata> items = client.load(in).items();
            return items.stream().filter(ClusterRole.class::isInstance).map(ClusterRole.class::cast)
                    .findFirst().orElseThrow();
        }
    }
}
