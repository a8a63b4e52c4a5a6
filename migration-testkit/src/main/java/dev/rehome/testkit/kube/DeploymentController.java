package dev.rehome.testkit.kube;

import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Does what the Deployment and ReplicaSet controllers and the kubelet do for a Deployment: keeps
 * {@code spec.replicas} Running, Ready pods carrying the template's labels (a changed template replaces them, as a
 * rollout does) and reports {@code replicas}/{@code readyReplicas}/{@code availableReplicas} in its status.
 */
final class DeploymentController {
    static final String TEMPLATE_HASH = "pod-template-hash";

    private final KubernetesClient client;
    private final PodBinder binder;
    private final Clock clock;
    private final Map<String, PodEnvironment> environments = new ConcurrentHashMap<>();
    private final AtomicLong counter = new AtomicLong();

    DeploymentController(KubernetesClient client, PodBinder binder, Clock clock) {
        this.client = client;
        this.binder = binder;
        this.clock = clock;
    }

    void environmentFor(String namespace, String deployment, PodEnvironment environment) {
        environments.put(namespace + "/" + deployment, environment);
    }

    void reconcile(Deployment event) {
        // Events queue up behind our own writes; act on the stored object, not the event's snapshot.
        Deployment deployment = client.resource(event).get();
        if (deployment == null) {
            return;
        }
        String ns = deployment.getMetadata().getNamespace();
        String name = deployment.getMetadata().getName();
        int desired = Optional.ofNullable(deployment.getSpec().getReplicas()).orElse(1);
        String hash = templateHash(deployment);
        List<Pod> owned = client.pods().inNamespace(ns).list().getItems().stream()
                .filter(p -> p.getMetadata().getOwnerReferences().stream()
                        .anyMatch(o -> "Deployment".equals(o.getKind()) && name.equals(o.getName())))
                .toList();
        int current = 0;
        for (Pod pod : owned) {
            boolean stale = !hash.equals(pod.getMetadata().getLabels().get(TEMPLATE_HASH));
            if (stale || current >= desired) {
                client.resource(pod).withGracePeriod(0).delete();
            } else {
                current++;
            }
        }
        for (int i = current; i < desired; i++) {
            createPod(deployment, hash);
        }
        Deployment fresh = client.resource(deployment).get();
        if (fresh != null && !java.util.Objects.equals(fresh.getSpec().getReplicas(), deployment.getSpec().getReplicas())) {
            return; // scaled meanwhile: the next event reconciles again
        }
        if (fresh == null || statusShows(fresh, desired)) {
            return;
        }
        fresh.setStatus(new DeploymentStatusBuilder()
                .withObservedGeneration(fresh.getMetadata().getGeneration())
                .withReplicas(desired)
                .withUpdatedReplicas(desired)
                .withReadyReplicas(desired)
                .withAvailableReplicas(desired)
                .build());
        client.resource(fresh).updateStatus();
    }

    /** Our own status write comes back as an update event; stop there instead of writing forever. */
    private static boolean statusShows(Deployment d, int desired) {
        var status = d.getStatus();
        return status != null
                && Integer.valueOf(desired).equals(status.getReplicas())
                && Integer.valueOf(desired).equals(status.getReadyReplicas())
                && Integer.valueOf(desired).equals(status.getAvailableReplicas())
                && java.util.Objects.equals(status.getObservedGeneration(), d.getMetadata().getGeneration());
    }

    private void createPod(Deployment deployment, String hash) {
        String ns = deployment.getMetadata().getNamespace();
        String name = deployment.getMetadata().getName();
        String podName = name + "-" + hash + "-" + Long.toString(counter.incrementAndGet(), 36);
        Map<String, String> labels = new HashMap<>();
        if (deployment.getSpec().getTemplate().getMetadata() != null
                && deployment.getSpec().getTemplate().getMetadata().getLabels() != null) {
            labels.putAll(deployment.getSpec().getTemplate().getMetadata().getLabels());
        }
        labels.put(TEMPLATE_HASH, hash);
        String now = clock.instant().toString();
        Pod pod = new PodBuilder()
                .withNewMetadata().withName(podName).withNamespace(ns).withLabels(labels)
                .withOwnerReferences(new OwnerReferenceBuilder().withApiVersion("apps/v1").withKind("Deployment")
                        .withName(name).withUid(deployment.getMetadata().getUid()).withController(true).build())
                .endMetadata()
                .withSpec(deployment.getSpec().getTemplate().getSpec())
                .withNewStatus().withPhase("Running").withStartTime(now)
                .addNewCondition().withType("Ready").withStatus("True").withLastTransitionTime(now).endCondition()
                .endStatus()
                .build();
        PodEnvironment environment = environments.get(ns + "/" + name);
        if (environment != null) {
            binder.bind(ns, podName, environment);
        }
        client.resource(pod).create();
    }

    private static String templateHash(Deployment deployment) {
        int h = Serialization.asJson(deployment.getSpec().getTemplate()).hashCode();
        return Integer.toString(h & 0x7fffffff, 36);
    }
}
