package dev.rehome.kubectl.inventory;

import dev.rehome.core.audit.UnreadableResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.storage.StorageClass;

import java.util.List;
import java.util.Map;

/**
 * Everything the audit read, as the API returned it, plus what it could not read.
 *
 * @param services    Services, to know which one leads to a data store (consumers, dump jobs)
 * @param cronJobs    CronJobs: dump jobs, and consumers of data stores
 * @param custom      custom resources per kind; a kind absent from {@code unreadable} but empty simply has none
 * @param apiRequests how many list requests reading took
 */
public record ClusterInventory(List<Deployment> deployments, List<StatefulSet> statefulSets,
                               List<DaemonSet> daemonSets, List<Pod> pods, List<PersistentVolumeClaim> claims,
                               List<PersistentVolume> volumes, List<StorageClass> storageClasses,
                               List<Service> services, List<CronJob> cronJobs,
                               Map<CustomKind, List<GenericKubernetesResource>> custom,
                               List<UnreadableResource> unreadable, int apiRequests) {
    public ClusterInventory {
        deployments = List.copyOf(deployments);
        statefulSets = List.copyOf(statefulSets);
        daemonSets = List.copyOf(daemonSets);
        pods = List.copyOf(pods);
        claims = List.copyOf(claims);
        volumes = List.copyOf(volumes);
        storageClasses = List.copyOf(storageClasses);
        services = List.copyOf(services);
        cronJobs = List.copyOf(cronJobs);
        custom = Map.copyOf(custom);
        unreadable = List.copyOf(unreadable);
    }

    /** An inventory without Services and CronJobs (tests that need neither). */
    ClusterInventory(List<Deployment> deployments, List<StatefulSet> statefulSets, List<DaemonSet> daemonSets,
                     List<Pod> pods, List<PersistentVolumeClaim> claims, List<PersistentVolume> volumes,
                     List<StorageClass> storageClasses, Map<CustomKind, List<GenericKubernetesResource>> custom,
                     List<UnreadableResource> unreadable, int apiRequests) {
        this(deployments, statefulSets, daemonSets, pods, claims, volumes, storageClasses, List.of(), List.of(),
                custom, unreadable, apiRequests);
    }

    /** True when the audit could not list {@code kind} (everywhere, or in {@code namespace}). */
    boolean unreadable(String kind, String namespace) {
        return unreadable.stream().anyMatch(u -> u.kind().equals(kind)
                && (u.namespace() == null || u.namespace().equals(namespace)));
    }

    List<GenericKubernetesResource> custom(CustomKind kind) {
        return custom.getOrDefault(kind, List.of());
    }
}
