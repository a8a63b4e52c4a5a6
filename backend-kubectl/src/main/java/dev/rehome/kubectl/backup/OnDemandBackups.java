package dev.rehome.kubectl.backup;

import dev.rehome.core.RefusedException;
import dev.rehome.kubectl.Fields;
import dev.rehome.kubectl.NamespacedName;
import dev.rehome.kubectl.cnpg.CnpgKinds;
import dev.rehome.kubectl.discovery.BackupCoverage;
import dev.rehome.kubectl.discovery.BackupMethod;
import dev.rehome.kubectl.retry.KubeRetry;
import dev.rehome.kubectl.retry.Poller;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes an on-demand backup of a CNPG cluster with the method its configuration calls for, and waits for it.
 * Creating is idempotent by name: a resumed run finds the Backup it created before and waits for that one.
 * Thread-safe.
 */
public final class OnDemandBackups {
    private static final Logger LOG = LoggerFactory.getLogger(OnDemandBackups.class);
    private static final Set<String> FAILED = Set.of("failed", "walArchivingFailing", "invalid backup definition");

    private final KubernetesClient client;
    private final Poller poller;
    private final KubeRetry retry;

    public OnDemandBackups(KubernetesClient client, Poller poller, KubeRetry retry) {
        this.client = Objects.requireNonNull(client, "client");
        this.poller = Objects.requireNonNull(poller, "poller");
        this.retry = Objects.requireNonNull(retry, "retry");
    }

    /** Creates Backup {@code name} of {@code cluster} (unless it exists) and waits for it to complete or fail. */
    public BackupOutcome backupAndWait(NamespacedName cluster, BackupCoverage coverage, String name, Duration timeout) {
        start(cluster, coverage, name);
        return await(new NamespacedName(cluster.namespace(), name), timeout);
    }

    /** Creates Backup {@code name} unless it exists; refuses a cluster with nowhere to back up to. */
    public void start(NamespacedName cluster, BackupCoverage coverage, String name) {
        if (coverage.method() == BackupMethod.NONE) {
            throw new RefusedException("CNPG Cluster " + cluster + " has no object store (no barmanObjectStore, no "
                    + "WAL-archiver plugin), so a Backup has nowhere to go; configure backups first");
        }
        var backups = CnpgKinds.of(client, CnpgKinds.BACKUP).inNamespace(cluster.namespace());
        GenericKubernetesResource existing = retry.call(() -> backups.withName(name).get());
        if (existing != null) {
            String owner = Fields.string(existing, "spec", "cluster", "name").orElse("");
            if (!owner.equals(cluster.name())) {
                throw new RefusedException("Backup " + cluster.namespace() + "/" + name + " exists for cluster '"
                        + owner + "', not " + cluster.name() + "; choose another backup name");
            }
            return;
        }
        GenericKubernetesResource backup = CnpgKinds.newObject(CnpgKinds.BACKUP, cluster.namespace(), name);
        backup.getMetadata().setLabels(Map.of("app.kubernetes.io/managed-by", "rehome", "cnpg.io/cluster", cluster.name()));
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("cluster", Map.of("name", cluster.name()));
        if (coverage.method() == BackupMethod.PLUGIN) {
            spec.put("method", "plugin");
            spec.put("pluginConfiguration", Map.of("name", coverage.pluginName().orElse("barman-cloud.cloudnative-pg.io")));
        } else {
            spec.put("method", "barmanObjectStore");
        }
        backup.setAdditionalProperty("spec", spec);
        retry.run(() -> {
            if (backups.withName(name).get() == null) {
                backups.resource(backup).create();
            }
        });
        LOG.info("Created Backup '{}/{}' of cluster '{}' ({})", cluster.namespace(), name, cluster.name(), spec.get("method"));
    }

    /** Waits until Backup {@code backup} completes or fails; throws when {@code timeout} passes first. */
    public BackupOutcome await(NamespacedName backup, Duration timeout) {
        return poller.until("Backup " + backup + " to complete", timeout, () -> {
            GenericKubernetesResource b = retry.call(() -> CnpgKinds.of(client, CnpgKinds.BACKUP)
                    .inNamespace(backup.namespace()).withName(backup.name()).get());
            String phase = Fields.string(b, "status", "phase").orElse("");
            if ("completed".equals(phase)) {
                return Optional.of(new BackupOutcome.Completed(backup.name(),
                        Fields.string(b, "status", "backupId").orElse(""),
                        Fields.instant(b, "status", "startedAt"),
                        Fields.instant(b, "status", "stoppedAt")));
            }
            if (FAILED.contains(phase)) {
                return Optional.of(new BackupOutcome.Failed(backup.name(), phase,
                        Fields.string(b, "status", "error").orElse("")));
            }
            return Optional.empty();
        });
    }
}
