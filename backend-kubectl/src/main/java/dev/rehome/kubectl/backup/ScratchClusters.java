package dev.rehome.kubectl.backup;

import dev.rehome.kubectl.Fields;
import dev.rehome.kubectl.cnpg.CnpgKinds;
import dev.rehome.kubectl.retry.Sleeper;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates, waits for and removes the scratch clusters of restore proofs. Removal is by UID: the Cluster only if it
 * still is the one rehome created (and labelled as such), and only the PVCs that Cluster owns, so nothing rehome did
 * not create is ever deleted. A run that was killed leaves its scratch cluster labelled; {@link #removeLeftovers}
 * finds and removes those.
 */
final class ScratchClusters {
    private static final Logger LOG = LoggerFactory.getLogger(ScratchClusters.class);
    static final String HEALTHY = "Cluster in healthy state";

    private final KubernetesClient client;
    private final Clock clock;
    private final Sleeper sleeper;
    private final ScratchPolicy policy;

    ScratchClusters(KubernetesClient client, Clock clock, Sleeper sleeper, ScratchPolicy policy) {
        this.client = client;
        this.clock = clock;
        this.sleeper = sleeper;
        this.policy = policy;
    }

    GenericKubernetesResource create(GenericKubernetesResource manifest) {
        return CnpgKinds.of(client, CnpgKinds.CLUSTER).inNamespace(manifest.getMetadata().getNamespace())
                .resource(manifest).create();
    }

    /** The ready scratch cluster's primary pod, or empty with the Cluster's last words once the deadline passed. */
    Ready awaitReady(GenericKubernetesResource scratch) throws InterruptedException {
        Instant deadline = clock.instant().plus(policy.readyTimeout());
        String ns = scratch.getMetadata().getNamespace();
        String name = scratch.getMetadata().getName();
        String last = "no status yet";
        while (true) {
            GenericKubernetesResource now = CnpgKinds.of(client, CnpgKinds.CLUSTER).inNamespace(ns).withName(name).get();
            if (now == null) {
                return new Ready(Optional.empty(), "the scratch cluster was deleted while it was recovering");
            }
            String phase = Fields.string(now, "status", "phase").orElse("");
            long ready = Fields.number(now, "status", "readyInstances").orElse(0L);
            Optional<String> primary = Fields.string(now, "status", "currentPrimary");
            if (HEALTHY.equals(phase) && ready >= 1 && primary.isPresent()) {
                return new Ready(primary, phase);
            }
            last = describe(now, phase);
            if (!clock.instant().isBefore(deadline)) {
                return new Ready(Optional.empty(), "the scratch cluster " + name + " was not ready within "
                        + policy.readyTimeout() + " (" + last + ")");
            }
            sleeper.sleep(policy.pollInterval());
        }
    }

    record Ready(Optional<String> primary, String status) {
    }

    /** Deletes {@code scratch} if it still has its UID, then every PVC it owns (by the owner's UID). */
    void remove(String namespace, String name, String uid) {
        var clusters = CnpgKinds.of(client, CnpgKinds.CLUSTER).inNamespace(namespace);
        GenericKubernetesResource current = clusters.withName(name).get();
        if (current != null && uid.equals(current.getMetadata().getUid()) && ours(current)) {
            clusters.withName(name).delete();
        }
        for (PersistentVolumeClaim pvc : client.persistentVolumeClaims().inNamespace(namespace).list().getItems()) {
            boolean owned = pvc.getMetadata().getOwnerReferences() != null && pvc.getMetadata().getOwnerReferences()
                    .stream().anyMatch(o -> "Cluster".equals(o.getKind()) && uid.equals(o.getUid()));
            if (owned) {
                try {
                    client.persistentVolumeClaims().inNamespace(namespace).withName(pvc.getMetadata().getName())
                            .lockResourceVersion(pvc.getMetadata().getResourceVersion()).delete();
                } catch (KubernetesClientException e) {
                    LOG.warn("could not delete PVC {}/{} of scratch cluster {}: {}", namespace,
                            pvc.getMetadata().getName(), name, e.getMessage());
                }
            }
        }
        LOG.info("removed scratch cluster {}/{} (uid {}) and its PVCs", namespace, name, uid);
    }

    /** Removes scratch clusters a killed run left for this shared cluster and database; returns their names. */
    List<String> removeLeftovers(String namespace, String sharedCluster, String database) {
        List<String> removed = new ArrayList<>();
        var labels = ScratchClusterManifest.labels(sharedCluster, database);
        for (GenericKubernetesResource c : CnpgKinds.of(client, CnpgKinds.CLUSTER).inNamespace(namespace)
                .withLabels(labels).list().getItems()) {
            remove(namespace, c.getMetadata().getName(), c.getMetadata().getUid());
            removed.add(c.getMetadata().getName());
        }
        return removed;
    }

    private static boolean ours(GenericKubernetesResource cluster) {
        var labels = cluster.getMetadata().getLabels();
        return labels != null && "rehome".equals(labels.get(ScratchClusterManifest.MANAGED_BY))
                && "restore-proof".equals(labels.get(ScratchClusterManifest.PURPOSE));
    }

    private static String describe(GenericKubernetesResource cluster, String phase) {
        String message = Fields.maps(cluster, "status", "conditions").stream()
                .filter(c -> "Ready".equals(c.get("type")) && c.get("message") != null)
                .map(c -> ": " + c.get("message")).findFirst().orElse("");
        return "phase '" + (phase.isEmpty() ? "none" : phase) + "'" + message;
    }
}
