package dev.rehome.kubectl.inventory;

import dev.rehome.core.audit.VolumeInfo;

import java.util.List;

/**
 * A workload container that runs a data store, and the volumes at its data directories.
 *
 * @param version   the image's version ("" when the tag says none)
 * @param volumes   where its data lives; empty when it writes into the container's own filesystem
 * @param hostPaths host directories its data lives in (hostPath volumes)
 */
record DataStore(Workload workload, DataEngine engine, String version, List<VolumeInfo> volumes,
                 List<String> hostPaths) {
    DataStore {
        volumes = List.copyOf(volumes);
        hostPaths = List.copyOf(hostPaths);
    }

    String engineLabel() {
        return version.isEmpty() ? engine.label() : engine.label() + " " + version;
    }

    boolean onEmptyDir() {
        return volumes.stream().anyMatch(v -> v.source().equals("emptyDir"));
    }

    boolean withoutVolume() {
        return volumes.isEmpty();
    }

    boolean nodeLocal() {
        return volumes.stream().anyMatch(VolumeInfo::nodeLocal);
    }

    boolean reclaimDelete() {
        return volumes.stream().anyMatch(v -> "Delete".equals(v.reclaimPolicy()));
    }

    List<String> claimNames() {
        return volumes.stream().filter(v -> v.pvc() != null).map(VolumeInfo::pvc).toList();
    }
}
