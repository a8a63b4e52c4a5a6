package dev.rehome.kubectl.inventory;

import dev.rehome.core.audit.Evidence;
import dev.rehome.kubectl.Fields;
import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.storage.StorageClass;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Whether a backup mechanism can physically capture one data volume, whatever selects it: a file-system backup
 * cannot read hostPath volumes (Velero skips them, and local-path PVs are hostPath PVs), a CSI snapshot needs a
 * CSI driver and a VolumeSnapshotClass for it.
 */
final class VolumeCapture {
    /** Provisioners whose PVs are hostPath PVs by default (rancher local-path: {@code defaultVolumeType = hostPath}). */
    private static final Set<String> HOST_PATH_PROVISIONERS = Set.of("rancher.io/local-path", "microk8s.io/hostpath",
            "k8s.io/minikube-hostpath", "docker.io/hostpath");

    /**
     * @param possible whether the mechanism can copy the volume
     * @param why      why not (or how, when it can), one clause
     */
    record Capture(boolean possible, String why, List<Evidence> evidence) {
        Capture {
            evidence = List.copyOf(evidence);
        }
    }

    private final ClusterInventory inventory;
    private final StorageIndex storage;

    VolumeCapture(ClusterInventory inventory, StorageIndex storage) {
        this.inventory = inventory;
        this.storage = storage;
    }

    /** Can a file-system (pod volume) backup copy it? Everything but hostPath, as Velero's backupper decides. */
    Capture fileSystemBackup(Workload workload, DataStore.DataVolume volume) {
        if (volume.hostPath() != null) {
            return new Capture(false, "hostPath volume " + volume.hostPath() + " is skipped by file-system backup",
                    List.of(new Evidence(workload.kind() + " " + workload.qualifiedName(),
                            "spec.template.spec.volumes[" + volume.podVolume() + "].hostPath.path", volume.hostPath(),
                            "file-system backup skips hostPath volumes")));
        }
        String claimName = volume.info().pvc();
        if (claimName == null) {
            return new Capture(true, volume.info().source() + " volume " + volume.podVolume(), List.of());
        }
        Optional<PersistentVolume> pv = storage.boundVolume(workload.namespace(), claimName);
        if (pv.isPresent() && pv.get().getSpec().getHostPath() != null) {
            String path = pv.get().getSpec().getHostPath().getPath();
            return new Capture(false, "PV " + name(pv.get()) + " of claim " + claimName + " is a hostPath PV ("
                    + path + "), which file-system backup skips",
                    List.of(new Evidence("PersistentVolume " + name(pv.get()), "spec.hostPath.path", path,
                            "a hostPath PV: file-system backup skips it")));
        }
        if (pv.isEmpty()) {
            Optional<StorageClass> storageClass = storage.storageClass(volume.info().storageClass());
            boolean localVolumeType = storage.claim(workload.namespace(), claimName)
                    .map(PersistentVolumeClaim::getMetadata).map(m -> m.getAnnotations())
                    .map(a -> "local".equals(a.get("volumeType"))).orElse(false);
            if (storageClass.isPresent() && HOST_PATH_PROVISIONERS.contains(storageClass.get().getProvisioner())
                    && !localVolumeType) {
                return new Capture(false, "claim " + claimName + " is provisioned by "
                        + storageClass.get().getProvisioner() + ", which makes hostPath PVs that file-system backup skips",
                        List.of(new Evidence("StorageClass " + name(storageClass.get()), "provisioner",
                                storageClass.get().getProvisioner(), "provisions hostPath PVs")));
            }
        }
        return new Capture(true, "claim " + claimName, pv.map(v -> List.of(volumeSource(v))).orElse(List.of()));
    }

    /** Can a CSI VolumeSnapshot copy it? Needs a CSI PV and a VolumeSnapshotClass for its driver. */
    Capture csiSnapshot(Workload workload, DataStore.DataVolume volume) {
        String claimName = volume.info().pvc();
        if (claimName == null) {
            return new Capture(false, volume.info().source() + " volume " + volume.podVolume()
                    + " is not a PersistentVolume, so it cannot be snapshotted", List.of());
        }
        Optional<PersistentVolume> pv = storage.boundVolume(workload.namespace(), claimName);
        List<Evidence> evidence = new ArrayList<>();
        String driver = null;
        if (pv.isPresent() && pv.get().getSpec().getCsi() != null) {
            driver = pv.get().getSpec().getCsi().getDriver();
            evidence.add(new Evidence("PersistentVolume " + name(pv.get()), "spec.csi.driver", driver, "a CSI volume"));
        } else if (pv.isEmpty()) {
            Optional<StorageClass> storageClass = storage.storageClass(volume.info().storageClass());
            if (storageClass.isPresent() && storageClass.get().getProvisioner().contains(".")
                    && !HOST_PATH_PROVISIONERS.contains(storageClass.get().getProvisioner())) {
                driver = storageClass.get().getProvisioner();
                evidence.add(new Evidence("StorageClass " + name(storageClass.get()), "provisioner", driver,
                        "claims of this class are CSI volumes of this driver"));
            }
        }
        if (driver == null) {
            pv.ifPresent(v -> evidence.add(volumeSource(v)));
            return new Capture(false, "claim " + claimName + " is not on a CSI volume, so it cannot be snapshotted",
                    evidence);
        }
        if (inventory.unreadable(CustomKind.VOLUME_SNAPSHOT_CLASS.displayName(), null)) {
            return new Capture(false, "no VolumeSnapshotClass can be read (snapshot CRDs not installed or forbidden)",
                    evidence);
        }
        String csiDriver = driver;
        Optional<String> snapshotClass = inventory.custom(CustomKind.VOLUME_SNAPSHOT_CLASS).stream()
                .filter(c -> Fields.string(c, "driver").filter(csiDriver::equals).isPresent())
                .map(Fields::name).sorted().findFirst();
        if (snapshotClass.isEmpty()) {
            return new Capture(false, "no VolumeSnapshotClass for CSI driver " + driver, evidence);
        }
        evidence.add(new Evidence("VolumeSnapshotClass " + snapshotClass.get(), "driver", driver,
                "the driver can take snapshots"));
        return new Capture(true, "CSI snapshot of claim " + claimName, evidence);
    }

    private static Evidence volumeSource(PersistentVolume pv) {
        var spec = pv.getSpec();
        if (spec.getCsi() != null) {
            return new Evidence("PersistentVolume " + name(pv), "spec.csi.driver", spec.getCsi().getDriver(), "");
        }
        if (spec.getLocal() != null) {
            return new Evidence("PersistentVolume " + name(pv), "spec.local.path", spec.getLocal().getPath(),
                    "a local PV on one node");
        }
        Map<String, Object> other = spec.getAdditionalProperties();
        return new Evidence("PersistentVolume " + name(pv), "spec", other.isEmpty() ? "(in-tree volume)"
                : other.keySet().iterator().next(), "");
    }

    private static String name(io.fabric8.kubernetes.api.model.HasMetadata resource) {
        return resource.getMetadata().getName();
    }
}
