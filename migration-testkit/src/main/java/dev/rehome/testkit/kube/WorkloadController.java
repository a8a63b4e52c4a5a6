package dev.rehome.testkit.kube;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Clock;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Does what the Deployment/ReplicaSet and StatefulSet controllers and the kubelet do: keeps {@code spec.replicas}
 * Running, Ready pods carrying the template's labels (a changed template replaces them, as a rollout does; a
 * StatefulSet's pods are {@code NAME-0..n-1}) and reports ready replicas in the workload's status.
 */
final class WorkloadController {
    static final String TEMPLATE_HASH = "pod-template-hash";

    private final KubernetesClient client;
    private final PodBinder binder;
    private final Clock clock;
    private final Map<String, PodEnvironment> environments = new ConcurrentHashMap<>();
    private final AtomicLong counter = new AtomicLong();

    WorkloadController(KubernetesClient client, PodBinder binder, Clock clock) {
        this.client = client;
        this.binder = binder;
        this.clock = clock;
    }

    void environmentFor(String namespace, String workload, PodEnvironment environment) {
        environments.put(namespace + "/" + workload, environment);
    }

    void reconcile(Deployment event) {
        // Events queue up behind our own writes; act on the stored object, not the event's snapshot.
        Deployment d = client.resource(event).get();
        if (d == null) {
            return;
        }
        int desired = Optional.ofNullable(d.getSpec().getReplicas()).orElse(1);
        converge(d, d.getSpec().getTemplate(), desired, false);
        Deployment fresh = client.resource(d).get();
        if (fresh == null || !Objects.equals(fresh.getSpec().getReplicas(), d.getSpec().getReplicas())) {
            return; // gone or scaled meanwhile: the next event reconciles again
        }
        var s = fresh.getStatus();
        if (s != null && Objects.equals(s.getReadyReplicas(), desired) && Objects.equals(s.getReplicas(), desired)
                && Objects.equals(s.getAvailableReplicas(), desired)
                && Objects.equals(s.getObservedGeneration(), fresh.getMetadata().getGeneration())) {
            return; // our own status write came back as an event
        }
        var status = new DeploymentStatusBuilder().withObservedGeneration(fresh.getMetadata().getGeneration())
                .withReplicas(desired).withUpdatedReplicas(desired).withReadyReplicas(desired)
                .withAvailableReplicas(desired).build();
        // A patch of the status alone: writing the whole object back would undo a scale that landed since the read.
        client.apps().deployments().inNamespace(fresh.getMetadata().getNamespace()).withName(fresh.getMetadata().getName())
                .editStatus(x -> {
                    x.setStatus(status);
                    return x;
                });
    }

    void reconcile(StatefulSet event) {
        StatefulSet sts = client.resource(event).get();
        if (sts == null) {
            return;
        }
        int desired = Optional.ofNullable(sts.getSpec().getReplicas()).orElse(1);
        converge(sts, sts.getSpec().getTemplate(), desired, true);
        StatefulSet fresh = client.resource(sts).get();
        if (fresh == null || !Objects.equals(fresh.getSpec().getReplicas(), sts.getSpec().getReplicas())) {
            return;
        }
        var s = fresh.getStatus();
        if (s != null && Objects.equals(s.getReadyReplicas(), desired) && Objects.equals(s.getReplicas(), desired)
                && Objects.equals(s.getAvailableReplicas(), desired)
                && Objects.equals(s.getObservedGeneration(), fresh.getMetadata().getGeneration())) {
            return;
        }
        var status = new StatefulSetStatusBuilder().withObservedGeneration(fresh.getMetadata().getGeneration())
                .withReplicas(desired).withCurrentReplicas(desired).withUpdatedReplicas(desired)
                .withReadyReplicas(desired).withAvailableReplicas(desired).build();
        client.apps().statefulSets().inNamespace(fresh.getMetadata().getNamespace()).withName(fresh.getMetadata().getName())
                .editStatus(x -> {
                    x.setStatus(status);
                    return x;
                });
    }

    private void converge(HasMetadata owner, PodTemplateSpec template, int desired, boolean ordinalNames) {
        String ns = owner.getMetadata().getNamespace();
        String name = owner.getMetadata().getName();
        String hash = Integer.toString(Serialization.asJson(template).hashCode() & 0x7fffffff, 36);
        List<Pod> owned = client.pods().inNamespace(ns).list().getItems().stream()
                .filter(p -> p.getMetadata().getOwnerReferences().stream()
                        .anyMatch(o -> owner.getKind().equals(o.getKind()) && name.equals(o.getName())))
                .sorted(Comparator.comparing(p -> p.getMetadata().getName()))
                .toList();
        List<String> kept = new java.util.ArrayList<>();
        for (Pod pod : owned) {
            boolean stale = !hash.equals(pod.getMetadata().getLabels().get(TEMPLATE_HASH));
            if (stale || kept.size() >= desired) {
                client.resource(pod).withGracePeriod(0).delete();
            } else {
                kept.add(pod.getMetadata().getName());
            }
        }
        for (int ordinal = 0; kept.size() < desired; ordinal++) {
            String podName = ordinalNames ? name + "-" + ordinal : name + "-" + hash + "-" + Long.toString(counter.incrementAndGet(), 36);
            if (!kept.contains(podName)) {
                createPod(owner, template, podName, hash);
                kept.add(podName);
            }
        }
    }

    private void createPod(HasMetadata owner, PodTemplateSpec template, String podName, String hash) {
        String ns = owner.getMetadata().getNamespace();
        Map<String, String> labels = new HashMap<>();
        if (template.getMetadata() != null && template.getMetadata().getLabels() != null) {
            labels.putAll(template.getMetadata().getLabels());
        }
        labels.put(TEMPLATE_HASH, hash);
        String now = clock.instant().toString();
        Pod pod = new PodBuilder()
                .withNewMetadata().withName(podName).withNamespace(ns).withLabels(labels)
                .withOwnerReferences(new OwnerReferenceBuilder().withApiVersion("apps/v1").withKind(owner.getKind())
                        .withName(owner.getMetadata().getName()).withUid(owner.getMetadata().getUid())
                        .withController(true).build())
                .endMetadata()
                .withSpec(template.getSpec())
                .withNewStatus().withPhase("Running").withStartTime(now)
                .addNewCondition().withType("Ready").withStatus("True").withLastTransitionTime(now).endCondition()
                .endStatus()
                .build();
        client.resource(pod).create();
        PodEnvironment environment = environments.get(ns + "/" + owner.getMetadata().getName());
        if (environment != null) {
            binder.bind(ns, podName, environment);
        }
    }
}
