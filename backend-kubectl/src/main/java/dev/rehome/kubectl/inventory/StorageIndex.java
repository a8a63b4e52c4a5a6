package dev.rehome.kubectl.inventory;

import dev.rehome.core.audit.VolumeInfo;
import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.storage.StorageClass;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Looks claims, volumes and storage classes up by name and describes where a claim's data lives. */
final class StorageIndex {
    /** Provisioners that put a volume on one node's disk. */
    private static final Set<String> NODE_LOCAL_PROVISIONERS = Set.of("rancher.io/local-path",
            "kubernetes.io/no-provisioner", "openebs.io/local", "local.csi.openebs.io", "topolvm.io",
            "microk8s.io/hostpath", "k8s.io/minikube-hostpath", "docker.io/hostpath", "hostpath.csi.k8s.io");

    private final Map<String, PersistentVolumeClaim> claims;
    private final Map<String, PersistentVolume> volumes;
    private final Map<String, StorageClass> classes;

    StorageIndex(ClusterInventory inventory) {
        this.claims = inventory.claims().stream().collect(Collectors.toMap(
                c -> key(c.getMetadata().getNamespace(), c.getMetadata().getName()), Function.identity(), (a, b) -> a));
        this.volumes = inventory.volumes().stream().collect(Collectors.toMap(
                v -> v.getMetadata().getName(), Function.identity(), (a, b) -> a));
        this.classes = inventory.storageClasses().stream().collect(Collectors.toMap(
                c -> c.getMetadata().getName(), Function.identity(), (a, b) -> a));
    }

    Optional<PersistentVolumeClaim> claim(String namespace, String name) {
        return Optional.ofNullable(claims.get(key(namespace, name)));
    }

    /** The PV a claim is bound to, when both are known. */
    Optional<PersistentVolume> boundVolume(String namespace, String claimName) {
        return claim(namespace, claimName).map(c -> c.getSpec().getVolumeName()).map(volumes::get);
    }

    Optional<StorageClass> storageClass(String name) {
        return Optional.ofNullable(name).map(classes::get);
    }

    /** A claim that exists, as the audit reports it. */
    VolumeInfo describe(String source, PersistentVolumeClaim claim) {
        String className = claim.getSpec().getStorageClassName();
        PersistentVolume volume = claim.getSpec().getVolumeName() == null ? null
                : volumes.get(claim.getSpec().getVolumeName());
        if (className == null && volume != null) {
            className = volume.getSpec().getStorageClassName();
        }
        String reclaim = volume != null ? volume.getSpec().getPersistentVolumeReclaimPolicy() : classReclaim(className);
        String size = firstNonNull(
                claim.getStatus() == null || claim.getStatus().getCapacity() == null ? null
                        : format(claim.getStatus().getCapacity().get("storage")),
                claim.getSpec().getResources() == null || claim.getSpec().getResources().getRequests() == null ? null
                        : format(claim.getSpec().getResources().getRequests().get("storage")));
        boolean nodeLocal = isNodeLocal(className) || volume != null
                && (volume.getSpec().getLocal() != null || volume.getSpec().getHostPath() != null);
        return new VolumeInfo(source, claim.getMetadata().getName(), className, reclaim, size, nodeLocal);
    }

    /** A claim that does not exist (yet), from its template. */
    VolumeInfo describeTemplate(String claimName, PersistentVolumeClaim template) {
        String className = template.getSpec().getStorageClassName();
        var requests = template.getSpec().getResources() == null ? null
                : template.getSpec().getResources().getRequests();
        return new VolumeInfo("volumeClaimTemplate", claimName, className, classReclaim(className),
                requests == null ? null : format(requests.get("storage")), isNodeLocal(className));
    }

    private String classReclaim(String className) {
        StorageClass storageClass = className == null ? null : classes.get(className);
        if (storageClass == null) {
            return null;
        }
        // Kubernetes defaults a class's reclaimPolicy to Delete.
        return storageClass.getReclaimPolicy() == null ? "Delete" : storageClass.getReclaimPolicy();
    }

    private boolean isNodeLocal(String className) {
        if (className == null) {
            return false;
        }
        StorageClass storageClass = classes.get(className);
        if (storageClass != null && NODE_LOCAL_PROVISIONERS.contains(storageClass.getProvisioner())) {
            return true;
        }
        String lower = className.toLowerCase(Locale.ROOT);
        return lower.contains("local-path") || lower.contains("local-storage") || lower.contains("hostpath");
    }

    private static String format(Quantity quantity) {
        return quantity == null ? null : quantity.getAmount() + quantity.getFormat();
    }

    private static String firstNonNull(String a, String b) {
        return a != null ? a : b;
    }

    private static String key(String namespace, String name) {
        return namespace + "/" + name;
    }
}
