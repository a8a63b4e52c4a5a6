package dev.rehome.testkit.kube;

import java.util.Objects;

/**
 * How the fake kubelet keeps a Job's pod from ever running, the ways it happens on a real cluster: the image
 * cannot be pulled (pod Pending, container waiting in {@code ImagePullBackOff}), no node fits (pod Pending,
 * {@code PodScheduled=False/Unschedulable}), or a ResourceQuota forbids the pod (no pod at all, a
 * {@code FailedCreate} event on the Job). Each also records the Event a real cluster would show.
 */
public record JobPodHold(Kind kind, String reason, String message) {
    public enum Kind { IMAGE_PULL, UNSCHEDULABLE, QUOTA }

    public JobPodHold {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(message, "message");
    }

    public static JobPodHold imagePullBackOff() {
        return new JobPodHold(Kind.IMAGE_PULL, "ImagePullBackOff",
                "Back-off pulling image: rpc error: code = NotFound desc = failed to pull and unpack image: not found");
    }

    public static JobPodHold unschedulable() {
        return new JobPodHold(Kind.UNSCHEDULABLE, "Unschedulable",
                "0/3 nodes are available: 3 Insufficient memory. preemption: 0/3 nodes are available");
    }

    public static JobPodHold quotaExceeded() {
        return new JobPodHold(Kind.QUOTA, "FailedCreate",
                "Error creating: pods is forbidden: exceeded quota: compute-quota, requested: limits.memory=1Gi, "
                        + "used: limits.memory=8Gi, limited: limits.memory=8Gi");
    }
}
