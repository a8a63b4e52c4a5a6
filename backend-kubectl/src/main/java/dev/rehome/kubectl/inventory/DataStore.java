package dev.rehome.kubectl.inventory;

import dev.rehome.core.audit.EngineVersion;
import dev.rehome.core.audit.VolumeInfo;

import java.util.List;
import java.util.Objects;

/**
 * A workload container that runs a data store, and the volumes at its data directories.
 *
 * @param container the container that runs it
 * @param image     that container's image
 * @param version   the server version as far as it is known
 * @param data      where its data lives; empty when it writes into the container's own filesystem
 */
record DataStore(Workload workload, DataEngine engine, String container, String image, EngineVersion version,
                 List<DataVolume> data) {
    /**
     * One volume holding the data.
     *
     * @param podVolume the pod's name for it (what Velero's volume annotations list)
     * @param info      what the report shows
     * @param hostPath  the host directory of a hostPath pod volume, else null
     */
    record DataVolume(String podVolume, VolumeInfo info, String hostPath) {
        DataVolume {
            Objects.requireNonNull(podVolume, "podVolume");
            Objects.requireNonNull(info, "info");
        }
    }

    DataStore {
        data = List.copyOf(data);
    }

    DataStore withVersion(EngineVersion known) {
        return new DataStore(workload, engine, container, image, known, data);
    }

    String engineLabel() {
        return version.known() ? engine.label() + " " + version.value() : engine.label();
    }

    List<VolumeInfo> volumes() {
        return data.stream().map(DataVolume::info).toList();
    }

    List<String> hostPaths() {
        return data.stream().map(DataVolume::hostPath).filter(Objects::nonNull).toList();
    }

    boolean onEmptyDir() {
        return data.stream().anyMatch(v -> v.info().source().equals("emptyDir"));
    }

    boolean withoutVolume() {
        return data.isEmpty();
    }

    boolean nodeLocal() {
        return data.stream().anyMatch(v -> v.info().nodeLocal());
    }

    boolean reclaimDelete() {
        return data.stream().anyMatch(v -> "Delete".equals(v.info().reclaimPolicy()));
    }

    List<String> claimNames() {
        return data.stream().map(v -> v.info().pvc()).filter(Objects::nonNull).toList();
    }
}
