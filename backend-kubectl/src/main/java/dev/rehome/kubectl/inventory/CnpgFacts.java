package dev.rehome.kubectl.inventory;

import dev.rehome.core.audit.EngineVersion;
import dev.rehome.core.audit.Evidence;
import dev.rehome.kubectl.Fields;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** What a CNPG Cluster's finding shows besides its verdict: the fields it rests on and the server version. */
final class CnpgFacts {
    private CnpgFacts() {
    }

    static List<Evidence> evidence(GenericKubernetesResource cluster, Optional<String> archiver, Instant lastBackup) {
        String object = "Cluster " + Fields.namespace(cluster) + "/" + Fields.name(cluster);
        List<Evidence> evidence = new ArrayList<>();
        if (Fields.map(cluster, "spec", "backup", "barmanObjectStore").isPresent()) {
            evidence.add(new Evidence(object, "spec.backup.barmanObjectStore.destinationPath",
                    Fields.string(cluster, "spec", "backup", "barmanObjectStore", "destinationPath").orElse(null),
                    archiver.isPresent() ? "WALs and base backups go to this object store" : "ignored: WAL archiving skipped"));
        } else if (!Fields.list(cluster, "spec", "plugins").isEmpty()) {
            evidence.add(new Evidence(object, "spec.plugins", String.valueOf(Fields.list(cluster, "spec", "plugins")),
                    archiver.isPresent() ? "a WAL-archiver plugin" : "no enabled WAL-archiver plugin"));
        } else {
            evidence.add(new Evidence(object, "spec.backup.barmanObjectStore", null, "no object store configured"));
        }
        Fields.condition(cluster, "ContinuousArchiving").ifPresent(archiving -> evidence.add(new Evidence(object,
                "status.conditions[ContinuousArchiving].status", String.valueOf(archiving.get("status")),
                archiver.isPresent() ? "WAL archiving state" : "not coverage without an object store")));
        evidence.add(new Evidence(object, "last completed base backup (Backup CRs, status.lastSuccessfulBackup, "
                + "ObjectStore recovery window)", lastBackup == null ? "none" : lastBackup.toString(), ""));
        return evidence;
    }

    static EngineVersion version(GenericKubernetesResource cluster) {
        Optional<String> major = Fields.string(cluster, "status", "pgDataImageInfo", "majorVersion");
        if (major.isPresent()) {
            return new EngineVersion(major.get(), EngineVersion.Source.OPERATOR,
                    "Cluster status.pgDataImageInfo.majorVersion");
        }
        return Fields.string(cluster, "spec", "imageName")
                .map(image -> ImageVersions.fromImage(DataEngine.POSTGRESQL, image))
                .orElseGet(() -> EngineVersion.unknown("no status.pgDataImageInfo and no spec.imageName"));
    }

    static String engine(GenericKubernetesResource cluster) {
        EngineVersion version = version(cluster);
        String major = version.known() ? version.value().split("\\.")[0] : "";
        return major.isEmpty() ? "postgresql (cnpg)" : "postgresql " + major + " (cnpg)";
    }
}
