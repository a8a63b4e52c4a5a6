package dev.rehome.kubectl.backup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rehome.kubectl.cnpg.CnpgKinds;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScratchClusterManifestTest {

    @Test
    void anInTreeBarmanBackupIsRecoveredByNameToTheEndOfTheBackupWithoutArchivingAnywhere() {
        GenericKubernetesResource shared = shared(Map.of("instances", 3, "imageName", "ghcr.io/cloudnative-pg/postgresql:17.6",
                "postgresql", Map.of("parameters", Map.of("max_connections", "200")),
                "storage", Map.of("size", "20Gi", "storageClass", "local-path"),
                "backup", Map.of("barmanObjectStore", Map.of("destinationPath", "s3://backups/"))));
        GenericKubernetesResource scratch = ScratchClusterManifest.build(shared, backup("b1", "barmanObjectStore"),
                "rehome-proof-shop-abc123", "shop", "20Gi");

        assertThat(scratch.getMetadata().getLabels()).containsEntry("app.kubernetes.io/managed-by", "rehome")
                .containsEntry("rehome.dev/purpose", "restore-proof").containsEntry("rehome.dev/restore-proof-of", "pal-e-postgres")
                .containsEntry("rehome.dev/database", "shop");
        assertThat(at(scratch, "spec", "instances")).isEqualTo(1);
        assertThat(at(scratch, "spec", "imageName")).isEqualTo("ghcr.io/cloudnative-pg/postgresql:17.6");
        assertThat(at(scratch, "spec", "postgresql", "parameters", "max_connections")).isEqualTo("200");
        assertThat(at(scratch, "spec", "storage")).isEqualTo(Map.of("size", "20Gi", "storageClass", "local-path"));
        assertThat(at(scratch, "spec", "bootstrap", "recovery", "backup", "name")).isEqualTo("b1");
        assertThat(at(scratch, "spec", "bootstrap", "recovery", "recoveryTarget", "targetImmediate")).isEqualTo(true);
        assertThat(at(scratch, "spec", "backup")).isNull();
        assertThat(at(scratch, "spec", "plugins")).isNull();
    }

    @Test
    void aPluginBackupIsRecoveredFromTheObjectStoreByServerNameAndBackupId() {
        GenericKubernetesResource shared = shared(Map.of("instances", 1, "storage", Map.of("size", "5Gi"),
                "plugins", List.of(Map.of("name", "barman-cloud.cloudnative-pg.io", "isWALArchiver", true,
                        "parameters", Map.of("barmanObjectName", "minio-store")))));
        GenericKubernetesResource backup = backup("b2", "plugin");
        backup.setAdditionalProperty("status", Map.of("phase", "completed", "backupId", "20261203T080000"));
        GenericKubernetesResource scratch = ScratchClusterManifest.build(shared, backup, "rehome-proof-shop-def456", "shop", "5Gi");

        assertThat(at(scratch, "spec", "bootstrap", "recovery", "source")).isEqualTo("origin");
        assertThat(at(scratch, "spec", "bootstrap", "recovery", "backup")).isNull();
        assertThat(at(scratch, "spec", "bootstrap", "recovery", "recoveryTarget"))
                .isEqualTo(Map.of("targetImmediate", true, "backupID", "20261203T080000"));
        assertThat(at(scratch, "spec", "externalClusters")).isEqualTo(List.of(Map.of("name", "origin",
                "plugin", Map.of("name", "barman-cloud.cloudnative-pg.io",
                        "parameters", Map.of("barmanObjectName", "minio-store", "serverName", "pal-e-postgres")))));
        assertThat(at(scratch, "spec", "plugins")).isNull();
    }

    private static Object at(GenericKubernetesResource r, Object... path) {
        return r.get(path);
    }

    private static GenericKubernetesResource shared(Map<String, Object> spec) {
        GenericKubernetesResource c = CnpgKinds.newObject(CnpgKinds.CLUSTER, "postgres", "pal-e-postgres");
        c.setAdditionalProperty("spec", spec);
        return c;
    }

    private static GenericKubernetesResource backup(String name, String method) {
        GenericKubernetesResource b = CnpgKinds.newObject(CnpgKinds.BACKUP, "postgres", name);
        b.setAdditionalProperty("spec", Map.of("cluster", Map.of("name", "pal-e-postgres"), "method", method));
        return b;
    }
}
