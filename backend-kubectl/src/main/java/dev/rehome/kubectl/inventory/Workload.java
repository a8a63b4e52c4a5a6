package dev.rehome.kubectl.inventory;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Anything that runs pods from one pod spec: a Deployment, StatefulSet, DaemonSet or a bare Pod.
 *
 * @param replicas       desired replicas (1 for a bare Pod; the DaemonSet's desired count, at least 1)
 * @param podLabels      the labels its pods carry (what Velero label selectors see)
 * @param podAnnotations the annotations its pods carry (Velero opt-in and hook annotations)
 * @param claimTemplates a StatefulSet's volumeClaimTemplates, empty otherwise
 */
record Workload(String namespace, String name, String kind, int replicas, Map<String, String> podLabels,
                Map<String, String> podAnnotations, PodSpec podSpec, List<PersistentVolumeClaim> claimTemplates) {
    Workload {
        Objects.requireNonNull(podSpec, "podSpec");
        podLabels = podLabels == null ? Map.of() : Map.copyOf(podLabels);
        podAnnotations = podAnnotations == null ? Map.of() : Map.copyOf(podAnnotations);
        claimTemplates = claimTemplates == null ? List.of() : List.copyOf(claimTemplates);
    }

    static Workload of(Deployment d) {
        return fromTemplate(d.getMetadata().getNamespace(), d.getMetadata().getName(), "Deployment",
                orOne(d.getSpec().getReplicas()), d.getSpec().getTemplate(), List.of());
    }

    static Workload of(StatefulSet s) {
        return fromTemplate(s.getMetadata().getNamespace(), s.getMetadata().getName(), "StatefulSet",
                orOne(s.getSpec().getReplicas()), s.getSpec().getTemplate(), s.getSpec().getVolumeClaimTemplates());
    }

    static Workload of(DaemonSet d) {
        Integer desired = d.getStatus() == null ? null : d.getStatus().getDesiredNumberScheduled();
        return fromTemplate(d.getMetadata().getNamespace(), d.getMetadata().getName(), "DaemonSet",
                Math.max(1, desired == null ? 1 : desired), d.getSpec().getTemplate(), List.of());
    }

    static Workload of(Pod p) {
        return new Workload(p.getMetadata().getNamespace(), p.getMetadata().getName(), "Pod", 1,
                p.getMetadata().getLabels(), p.getMetadata().getAnnotations(), p.getSpec(), List.of());
    }

    String qualifiedName() {
        return namespace + "/" + name;
    }

    private static Workload fromTemplate(String namespace, String name, String kind, int replicas,
                                         PodTemplateSpec template, List<PersistentVolumeClaim> claimTemplates) {
        var metadata = template.getMetadata();
        return new Workload(namespace, name, kind, replicas, metadata == null ? null : metadata.getLabels(),
                metadata == null ? null : metadata.getAnnotations(),
                template.getSpec() == null ? new PodSpec() : template.getSpec(), claimTemplates);
    }

    private static int orOne(Integer replicas) {
        return replicas == null ? 1 : replicas;
    }
}
