package dev.rehome.kubectl.cutover;

import dev.rehome.core.cutover.SourceVolume;
import dev.rehome.core.cutover.Volumes;
import dev.rehome.core.cutover.WorkloadRef;
import dev.rehome.core.RefusedException;
import dev.rehome.kubectl.NamespacedName;
import dev.rehome.kubectl.discovery.ClaimInfo;
import dev.rehome.kubectl.discovery.SourceDatabase;
import dev.rehome.kubectl.discovery.SourceDiscovery;
import dev.rehome.kubectl.discovery.VolumeInfo;
import dev.rehome.kubectl.safety.SafeDeleter;
import dev.rehome.kubectl.safety.VolumeGuard;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The source's data volume by evidence (backend-kubectl's discovery: the claim mounted at PGDATA of the running
 * container), its PV set to Retain by UID, and the PVC deleted only with UID and resourceVersion preconditions.
 * Thread-safe.
 */
public final class KubeVolumes implements Volumes {
    private final KubernetesClient client;
    private final SourceDiscovery discovery;
    private final VolumeGuard guard;
    private final SafeDeleter deleter;

    public KubeVolumes(KubernetesClient client, SourceDiscovery discovery, VolumeGuard guard, SafeDeleter deleter) {
        this.client = Objects.requireNonNull(client, "client");
        this.discovery = Objects.requireNonNull(discovery, "discovery");
        this.guard = Objects.requireNonNull(guard, "guard");
        this.deleter = Objects.requireNonNull(deleter, "deleter");
    }

    @Override
    public SourceVolume provePgdataVolume(WorkloadRef postgres, String container) {
        SourceDatabase db = discovery.discover(new NamespacedName(postgres.namespace(), postgres.name()));
        ClaimInfo claim = db.dataVolume().claim();
        VolumeInfo pv = db.dataVolume().volume().orElseThrow(() -> new RefusedException("PVC " + claim.namespace() + "/"
                + claim.name() + " holding PGDATA is not bound to a PersistentVolume; cannot protect it"));
        return new SourceVolume(claim.namespace(), claim.name(), claim.uid(), claim.resourceVersion(), pv.name(),
                pv.reclaimPolicy(), claim.storageClass(), claim.capacity());
    }

    @Override
    public void retain(String pv) {
        var volume = client.persistentVolumes().withName(pv).get();
        if (volume == null) {
            throw new RefusedException("PersistentVolume " + pv + " does not exist; rediscover the source");
        }
        guard.retain(pv, volume.getMetadata().getUid());
    }

    @Override
    public List<String> podsMounting(String namespace, String pvc) {
        return client.pods().inNamespace(namespace).list().getItems().stream()
                .filter(p -> !"Succeeded".equals(phase(p)) && !"Failed".equals(phase(p)))
                .filter(p -> Optional.ofNullable(p.getSpec().getVolumes()).orElse(List.of()).stream()
                        .anyMatch(v -> v.getPersistentVolumeClaim() != null
                                && pvc.equals(v.getPersistentVolumeClaim().getClaimName())))
                .map(p -> p.getMetadata().getName()).toList();
    }

    @Override
    public void deletePvc(String namespace, String pvc, String uid, String resourceVersion) {
        deleter.deletePersistentVolumeClaim(namespace, pvc,
                new SafeDeleter.Expected("the source database's PVC " + namespace + "/" + pvc, uid, resourceVersion));
    }

    private static String phase(io.fabric8.kubernetes.api.model.Pod p) {
        return p.getStatus() == null ? "" : p.getStatus().getPhase();
    }
}
