package dev.rehome.kubectl.safety;

import dev.rehome.core.RefusedException;
import dev.rehome.kubectl.retry.KubeRetry;
import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes a PersistentVolume outlive its claim: with reclaim policy {@code Retain}, deleting the PVC leaves the
 * volume {@code Released} with its data instead of wiping it (local-path runs {@code rm -rf} on Delete).
 * Idempotent, so it is retried through transient API failures. Thread-safe.
 */
public final class VolumeGuard {
    private static final Logger LOG = LoggerFactory.getLogger(VolumeGuard.class);

    private final KubernetesClient client;
    private final KubeRetry retry;

    public VolumeGuard(KubernetesClient client, KubeRetry retry) {
        this.client = Objects.requireNonNull(client, "client");
        this.retry = Objects.requireNonNull(retry, "retry");
    }

    /**
     * Sets {@code persistentVolumeReclaimPolicy: Retain} on PV {@code name} whose UID must be {@code expectedUid};
     * returns the policy it had before ({@code Retain} when nothing changed).
     */
    public String retain(String name, String expectedUid) {
        return retry.call(() -> {
            PersistentVolume pv = client.persistentVolumes().withName(name).get();
            if (pv == null) {
                throw new RefusedException("PersistentVolume " + name + " no longer exists; rediscover the source");
            }
            if (!pv.getMetadata().getUid().equals(expectedUid)) {
                throw new RefusedException("PersistentVolume " + name + " has UID " + pv.getMetadata().getUid()
                        + ", not the " + expectedUid + " found at discovery; it was recreated, rediscover the source");
            }
            String before = pv.getSpec().getPersistentVolumeReclaimPolicy();
            if ("Retain".equals(before)) {
                return before;
            }
            client.persistentVolumes().withName(name).patch(PatchContext.of(PatchType.JSON_MERGE),
                    "{\"spec\":{\"persistentVolumeReclaimPolicy\":\"Retain\"}}");
            LOG.info("PersistentVolume '{}' reclaim policy {} -> Retain", name, before);
            return before;
        });
    }
}
