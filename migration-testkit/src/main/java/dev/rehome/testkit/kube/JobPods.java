package dev.rehome.testkit.kube;

import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.util.List;

/**
 * The pod a Job controller creates for a Job (labelled {@code job-name}, owned by the Job, Running with a running
 * container), and its status once the container exited: {@code Succeeded}/{@code Failed} with the exit code in
 * the container's {@code terminated} state, as {@code kubectl describe pod} shows it.
 */
final class JobPods {
    private JobPods() {
    }

    static void create(KubernetesClient client, Job job, String podName, Clock clock) {
        String ns = job.getMetadata().getNamespace();
        String jobName = job.getMetadata().getName();
        Pod pod = new PodBuilder()
                .withNewMetadata().withName(podName).withNamespace(ns)
                .addToLabels("job-name", jobName)
                .addToLabels("batch.kubernetes.io/job-name", jobName)
                .addToLabels("controller-uid", job.getMetadata().getUid())
                .addNewOwnerReference().withApiVersion("batch/v1").withKind("Job").withName(jobName)
                .withUid(job.getMetadata().getUid()).withController(true).endOwnerReference()
                .endMetadata()
                .withSpec(job.getSpec().getTemplate().getSpec())
                .withNewStatus().withPhase("Running").withStartTime(clock.instant().toString())
                .addNewContainerStatus().withName(job.getSpec().getTemplate().getSpec().getContainers().get(0).getName())
                .withReady(true).withRestartCount(0).withNewState().withNewRunning()
                .withStartedAt(clock.instant().toString()).endRunning().endState().endContainerStatus()
                .endStatus()
                .build();
        client.resource(pod).create();
    }

    static void finish(KubernetesClient client, String ns, String podName, int exit, Clock clock) {
        // Another writer (a pod binding, the informer's resync) may update the pod between the read and the write;
        // a kubelet retries its status update on a conflict, and a lost one would leave the pod running for ever.
        for (int attempt = 1; ; attempt++) {
            Pod pod = client.pods().inNamespace(ns).withName(podName).get();
            if (pod == null) {
                return;
            }
            pod.getStatus().setPhase(exit == 0 ? "Succeeded" : "Failed");
            pod.getStatus().setContainerStatuses(List.of(new ContainerStatusBuilder()
                    .withName(pod.getSpec().getContainers().get(0).getName()).withReady(false).withRestartCount(0)
                    .withNewState().withNewTerminated().withExitCode(exit).withReason(exit == 0 ? "Completed" : "Error")
                    .withFinishedAt(clock.instant().toString()).endTerminated().endState().build()));
            try {
                client.resource(pod).updateStatus();
                return;
            } catch (KubernetesClientException e) {
                if (e.getCode() != 409 || attempt >= 10) {
                    throw e;
                }
            }
        }
    }
}
