package dev.rehome.kubectl.backup;

import dev.rehome.kubectl.Fields;
import dev.rehome.kubectl.cnpg.CnpgKinds;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The short-lived CNPG {@code Cluster} a restore proof recovers a backup into: one instance, the shared cluster's
 * image, PostgreSQL parameters and storage class, labelled as rehome's, bootstrapped with {@code recovery} the way
 * the shared cluster backs up: {@code backup.name} for in-tree Barman or volume snapshots, or {@code source} +
 * {@code externalClusters} naming the Barman Cloud plugin's ObjectStore and server for plugin backups. Recovery
 * stops at the end of the backup ({@code targetImmediate}), so the copy holds exactly the backup's moment. It has no
 * {@code backup} section and no WAL-archiver plugin: a scratch cluster must never write into the shared archive.
 */
final class ScratchClusterManifest {
    static final String MANAGED_BY = "app.kubernetes.io/managed-by";
    static final String PURPOSE = "rehome.dev/purpose";
    static final String PROOF_OF = "rehome.dev/restore-proof-of";
    static final String DATABASE = "rehome.dev/database";
    static final String PLUGIN = "barman-cloud.cloudnative-pg.io";

    private ScratchClusterManifest() {
    }

    static Map<String, String> labels(String sharedCluster, String database) {
        return Map.of(MANAGED_BY, "rehome", PURPOSE, "restore-proof", PROOF_OF, sharedCluster, DATABASE, database);
    }

    static GenericKubernetesResource build(GenericKubernetesResource shared, GenericKubernetesResource backup,
                                           String name, String database, String storage) {
        String ns = shared.getMetadata().getNamespace();
        GenericKubernetesResource scratch = CnpgKinds.newObject(CnpgKinds.CLUSTER, ns, name);
        scratch.getMetadata().setLabels(labels(shared.getMetadata().getName(), database));
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("instances", 1);
        Fields.value(shared, "spec", "imageName").ifPresent(v -> spec.put("imageName", v));
        Fields.value(shared, "spec", "imageCatalogRef").ifPresent(v -> spec.put("imageCatalogRef", v));
        Fields.value(shared, "spec", "postgresql").ifPresent(v -> spec.put("postgresql", v));
        Map<String, Object> storageSpec = new LinkedHashMap<>();
        storageSpec.put("size", storage);
        Fields.string(shared, "spec", "storage", "storageClass").ifPresent(v -> storageSpec.put("storageClass", v));
        spec.put("storage", storageSpec);
        Map<String, Object> recovery = new LinkedHashMap<>();
        Map<String, Object> target = new LinkedHashMap<>();
        target.put("targetImmediate", true);
        Optional<Map<String, Object>> plugin = walPlugin(shared);
        if ("plugin".equals(Fields.string(backup, "spec", "method").orElse("")) && plugin.isPresent()) {
            recovery.put("source", "origin");
            Fields.string(backup, "status", "backupId").ifPresent(id -> target.put("backupID", id));
            Map<String, Object> parameters = new LinkedHashMap<>(params(plugin.get()));
            parameters.putIfAbsent("serverName", shared.getMetadata().getName());
            spec.put("externalClusters", List.of(Map.of("name", "origin",
                    "plugin", Map.of("name", PLUGIN, "parameters", parameters))));
        } else {
            recovery.put("backup", Map.of("name", backup.getMetadata().getName()));
        }
        recovery.put("recoveryTarget", target);
        spec.put("bootstrap", Map.of("recovery", recovery));
        scratch.setAdditionalProperty("spec", spec);
        return scratch;
    }

    private static Optional<Map<String, Object>> walPlugin(GenericKubernetesResource shared) {
        return Fields.maps(shared, "spec", "plugins").stream()
                .filter(p -> PLUGIN.equals(p.get("name")) && !Boolean.FALSE.equals(p.get("enabled")))
                .findFirst();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> params(Map<String, Object> plugin) {
        Object p = plugin.get("parameters");
        return p instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }
}
