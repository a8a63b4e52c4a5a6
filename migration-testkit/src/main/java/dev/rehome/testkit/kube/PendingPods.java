package dev.rehome.testkit.kube;

import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;

/**
 * A Job whose pod never runs, as a {@link JobPodHold} says: the pod (if the quota lets one be created) stays
 * {@code Pending} with the status a kubelet or scheduler would give it, and the Event a real cluster records
 * explains why.
 */
final class PendingPods {
    private PendingPods() {
    }

    static void hold(KubernetesClient client, Job job, String podName, JobPodHold hold, Clock clock) {
        String ns = job.getMetadata().getNamespace();
        if (hold.kind() == JobPodHold.Kind.QUOTA) {
            event(client, job, "Job", hold.reason(), hold.message(), clock);
            return;
        }
        String container = job.getSpec().getTemplate().getSpec().getContainers().get(0).getName();
        PodBuilder pod = new PodBuilder()
                .withNewMetadata().withName(podName).withNamespace(ns)
                .addToLabels("job-name", job.getMetadata().getName())
                .addToLabels("batch.kubernetes.io/job-name", job.getMetadata().getName())
                .addToLabels("controller-uid", job.getMetadata().getUid())
                .endMetadata()
                .withSpec(job.getSpec().getTemplate().getSpec());
        if (hold.kind() == JobPodHold.Kind.IMAGE_PULL) {
            pod.withNewStatus().withPhase("Pending")
                    .addNewCondition().withType("PodScheduled").withStatus("True").endCondition()
                    .addNewContainerStatus().withName(container).withReady(false).withRestartCount(0)
                    .withImage(job.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
                    .withNewState().withNewWaiting().withReason(hold.reason()).withMessage(hold.message())
                    .endWaiting().endState().endContainerStatus()
                    .endStatus();
        } else {
            pod.withNewStatus().withPhase("Pending")
                    .addNewCondition().withType("PodScheduled").withStatus("False").withReason(hold.reason())
                    .withMessage(hold.message()).endCondition()
                    .endStatus();
        }
        Pod created = client.resource(pod.build()).create();
        Pod withStatus = pod.build();
        withStatus.setMetadata(created.getMetadata());
        client.resource(withStatus).updateStatus();
        event(client, created, "Pod", hold.kind() == JobPodHold.Kind.IMAGE_PULL ? "Failed" : "FailedScheduling",
                hold.message(), clock);
        Job fresh = client.resource(job).get();
        if (fresh != null) {
            fresh.setStatus(new JobStatusBuilder().withActive(1).withStartTime(clock.instant().toString()).build());
            client.resource(fresh).updateStatus();
        }
    }

    private static void event(KubernetesClient client, HasMetadata about, String kind, String reason, String message,
                              Clock clock) {
        String ns = about.getMetadata().getNamespace();
        client.v1().events().inNamespace(ns).resource(new EventBuilder()
                .withNewMetadata().withName(about.getMetadata().getName() + "." + Long.toHexString(System.nanoTime()))
                .withNamespace(ns).endMetadata()
                .withNewInvolvedObject().withKind(kind).withName(about.getMetadata().getName()).withNamespace(ns)
                .withUid(about.getMetadata().getUid()).endInvolvedObject()
                .withReason(reason).withMessage(message).withType("Warning").withCount(1)
                .withLastTimestamp(clock.instant().toString())
                .build()).create();
    }
}
