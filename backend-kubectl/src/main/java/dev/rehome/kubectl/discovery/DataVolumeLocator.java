package dev.rehome.kubectl.discovery;

import dev.rehome.core.RefusedException;
import dev.rehome.kubectl.NamespacedName;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.NodeSelectorRequirement;
import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Optional;

/** Follows the data directory's mount to its pod volume, claim and bound PersistentVolume. */
final class DataVolumeLocator {
    private final KubernetesClient client;

    DataVolumeLocator(KubernetesClient client) {
        this.client = client;
    }

    DataVolume locate(NamespacedName ref, SourceDiscovery.Workload workload, PodSpec spec, Container c, String dataDir) {
        VolumeMount mount = SourceDiscovery.mountHolding(c, dataDir).orElseThrow(() -> new RefusedException(
                "no volume is mounted at the data directory " + dataDir + " of container '" + c.getName() + "' in "
                        + ref + ": its data lives in the container's own filesystem; back it up by hand first"));
        String claimName = claimName(ref, workload, spec, mount);
        PersistentVolumeClaim pvc = client.persistentVolumeClaims().inNamespace(ref.namespace()).withName(claimName).get();
        if (pvc == null) {
            throw new RefusedException("the data volume '" + mount.getName() + "' of " + ref + " claims PVC "
                    + ref.namespace() + "/" + claimName + ", which does not exist");
        }
        String volumeName = pvc.getSpec().getVolumeName();
        ClaimInfo claim = new ClaimInfo(ref.namespace(), claimName, pvc.getMetadata().getUid(),
                pvc.getMetadata().getResourceVersion(), pvc.getSpec().getStorageClassName(),
                pvc.getStatus() != null && pvc.getStatus().getCapacity() != null
                        && pvc.getStatus().getCapacity().get("storage") != null
                        ? pvc.getStatus().getCapacity().get("storage").toString() : null,
                volumeName);
        Optional<VolumeInfo> pv = Optional.ofNullable(volumeName).filter(n -> !n.isBlank())
                .map(n -> client.persistentVolumes().withName(n).get()).map(DataVolumeLocator::volumeInfo);
        return new DataVolume(mount.getName(), mount.getMountPath(), claim, pv);
    }

    private static String claimName(NamespacedName ref, SourceDiscovery.Workload workload, PodSpec spec,
                                    VolumeMount mount) {
        Optional<Volume> volume = SourceDiscovery.volume(spec, mount.getName());
        if (volume.isPresent() && volume.get().getPersistentVolumeClaim() != null) {
            return volume.get().getPersistentVolumeClaim().getClaimName();
        }
        if (volume.isEmpty() && workload.claimTemplates().contains(mount.getName())) {
            // StatefulSet claim of ordinal 0, named by the controller as <template>-<statefulset>-<ordinal>.
            return mount.getName() + "-" + ref.name() + "-0";
        }
        String kind = volume.map(v -> v.getEmptyDir() != null ? "an emptyDir" : v.getHostPath() != null
                ? "a hostPath" : "not a PersistentVolumeClaim").orElse("undeclared");
        throw new RefusedException("the data directory of " + ref + " is on volume '" + mount.getName() + "', which is "
                + kind + "; rehome only retires databases whose data is on a PVC");
    }

    static VolumeInfo volumeInfo(PersistentVolume pv) {
        var spec = pv.getSpec();
        Optional<String> node = Optional.ofNullable(spec.getNodeAffinity())
                .map(a -> a.getRequired()).map(r -> r.getNodeSelectorTerms())
                .flatMap(terms -> terms.stream().flatMap(t -> t.getMatchExpressions() == null
                                ? java.util.stream.Stream.<NodeSelectorRequirement>empty() : t.getMatchExpressions().stream())
                        .filter(e -> "kubernetes.io/hostname".equals(e.getKey()) && "In".equals(e.getOperator()))
                        .flatMap(e -> e.getValues().stream()).findFirst());
        Optional<String> path = Optional.ofNullable(spec.getHostPath()).map(h -> h.getPath())
                .or(() -> Optional.ofNullable(spec.getLocal()).map(l -> l.getPath()));
        return new VolumeInfo(pv.getMetadata().getName(), pv.getMetadata().getUid(),
                pv.getMetadata().getResourceVersion(),
                spec.getPersistentVolumeReclaimPolicy() == null ? "Delete" : spec.getPersistentVolumeReclaimPolicy(),
                spec.getStorageClassName(), node, path);
    }
}
