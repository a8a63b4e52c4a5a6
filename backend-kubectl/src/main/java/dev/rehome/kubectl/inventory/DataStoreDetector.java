package dev.rehome.kubectl.inventory;

import dev.rehome.core.audit.VolumeInfo;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Decides whether a workload runs a data store (by image family, else by port plus a mounted volume) and which of
 * its volumes hold the data.
 */
final class DataStoreDetector {
    private final StorageIndex storage;

    DataStoreDetector(StorageIndex storage) {
        this.storage = storage;
    }

    Optional<DataStore> detect(Workload workload) {
        for (Container container : workload.podSpec().getContainers()) {
            Optional<DataEngine> engine = DataEngine.byImage(nullToEmpty(container.getImage()))
                    .or(() -> byPortWithVolume(workload, container));
            if (engine.isEmpty()) {
                continue;
            }
            if ((engine.get() == DataEngine.REDIS || engine.get() == DataEngine.VALKEY)
                    && !RedisPersistence.persists(container, hasDataVolume(workload, container, engine.get()))) {
                continue;
            }
            return Optional.of(describe(workload, container, engine.get()));
        }
        return Optional.empty();
    }

    private Optional<DataEngine> byPortWithVolume(Workload workload, Container container) {
        if (container.getVolumeMounts() == null || container.getVolumeMounts().isEmpty()) {
            return Optional.empty();
        }
        List<ContainerPort> ports = container.getPorts() == null ? List.of() : container.getPorts();
        return ports.stream().map(ContainerPort::getContainerPort).filter(p -> p != null)
                .map(DataEngine::byPort).flatMap(Optional::stream)
                .filter(engine -> hasDataVolume(workload, container, engine)).findFirst();
    }

    private boolean hasDataVolume(Workload workload, Container container, DataEngine engine) {
        return !dataMounts(workload, container, engine).isEmpty();
    }

    private DataStore describe(Workload workload, Container container, DataEngine engine) {
        Map<String, Volume> volumes = volumesByName(workload);
        Map<String, PersistentVolumeClaim> templates = workload.claimTemplates().stream()
                .collect(Collectors.toMap(t -> t.getMetadata().getName(), Function.identity(), (a, b) -> a));
        List<DataStore.DataVolume> data = new ArrayList<>();
        for (VolumeMount mount : dataMounts(workload, container, engine)) {
            Volume volume = volumes.get(mount.getName());
            String name = mount.getName();
            if (templates.containsKey(name)) {
                templateClaims(workload, templates.get(name))
                        .forEach(info -> data.add(new DataStore.DataVolume(name, info, null)));
            } else if (volume.getPersistentVolumeClaim() != null) {
                String claimName = volume.getPersistentVolumeClaim().getClaimName();
                data.add(new DataStore.DataVolume(name, storage.claim(workload.namespace(), claimName)
                        .map(claim -> storage.describe("pvc", claim))
                        .orElse(new VolumeInfo("pvc", claimName, null, null, null, false)), null));
            } else if (volume.getEmptyDir() != null) {
                var limit = volume.getEmptyDir().getSizeLimit();
                data.add(new DataStore.DataVolume(name, new VolumeInfo("emptyDir", null, null, null,
                        limit == null ? null : limit.getAmount() + limit.getFormat(), true), null));
            } else if (volume.getHostPath() != null) {
                data.add(new DataStore.DataVolume(name, new VolumeInfo("hostPath", null, null, null, null, true),
                        volume.getHostPath().getPath()));
            }
        }
        String image = nullToEmpty(container.getImage());
        return new DataStore(workload, engine, container.getName(), image, ImageVersions.fromImage(engine, image), data);
    }

    /** One claim per StatefulSet ordinal, as the controller names them: {@code <template>-<set>-<ordinal>}. */
    private List<VolumeInfo> templateClaims(Workload workload, PersistentVolumeClaim template) {
        List<VolumeInfo> infos = new ArrayList<>();
        for (int ordinal = 0; ordinal < Math.max(1, workload.replicas()); ordinal++) {
            String claimName = template.getMetadata().getName() + "-" + workload.name() + "-" + ordinal;
            infos.add(storage.claim(workload.namespace(), claimName)
                    .map(claim -> storage.describe("volumeClaimTemplate", claim))
                    .orElseGet(() -> storage.describeTemplate(claimName, template)));
        }
        return infos;
    }

    /**
     * The mounts that hold data: those at (or above) the engine's data directories or $PGDATA; failing that, any
     * mount of a claim, emptyDir or hostPath that is not scratch space.
     */
    private List<VolumeMount> dataMounts(Workload workload, Container container, DataEngine engine) {
        Map<String, Volume> volumes = volumesByName(workload);
        List<VolumeMount> storageMounts = nullToEmpty(container.getVolumeMounts()).stream()
                .filter(m -> isStorage(volumes.get(m.getName())) || workload.claimTemplates().stream()
                        .anyMatch(t -> t.getMetadata().getName().equals(m.getName())))
                .toList();
        List<String> directories = Stream.concat(engine.dataDirectories().stream(), dataDirFromEnv(container))
                .toList();
        List<VolumeMount> atDataDirectory = storageMounts.stream()
                .filter(m -> directories.stream().anyMatch(dir -> covers(m.getMountPath(), dir)))
                .toList();
        if (!atDataDirectory.isEmpty()) {
            return atDataDirectory;
        }
        return storageMounts.stream().filter(m -> !isScratch(m.getMountPath(), volumes.get(m.getName()))).toList();
    }

    private static boolean covers(String mountPath, String directory) {
        String mount = trimSlash(mountPath);
        String dir = trimSlash(directory);
        return mount.equals(dir) || mount.startsWith(dir + "/") || dir.startsWith(mount + "/");
    }

    private static Stream<String> dataDirFromEnv(Container container) {
        return nullToEmpty(container.getEnv()).stream()
                .filter(e -> List.of("PGDATA", "POSTGRESQL_DATA_DIR", "MYSQL_DATADIR").contains(e.getName()))
                .map(EnvVar::getValue).filter(v -> v != null && v.startsWith("/"));
    }

    private static boolean isStorage(Volume volume) {
        return volume != null && (volume.getPersistentVolumeClaim() != null || volume.getEmptyDir() != null
                || volume.getHostPath() != null);
    }

    private static boolean isScratch(String mountPath, Volume volume) {
        String path = trimSlash(mountPath);
        boolean memory = volume != null && volume.getEmptyDir() != null
                && "Memory".equals(volume.getEmptyDir().getMedium());
        return memory || path.equals("/tmp") || path.startsWith("/tmp/") || path.equals("/dev/shm")
                || path.equals("/run") || path.startsWith("/var/run") || path.startsWith("/etc");
    }

    private static Map<String, Volume> volumesByName(Workload workload) {
        return nullToEmpty(workload.podSpec().getVolumes()).stream()
                .collect(Collectors.toMap(Volume::getName, Function.identity(), (a, b) -> a));
    }

    private static String trimSlash(String path) {
        return path.endsWith("/") && path.length() > 1 ? path.substring(0, path.length() - 1) : path;
    }

    private static <T> List<T> nullToEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}
