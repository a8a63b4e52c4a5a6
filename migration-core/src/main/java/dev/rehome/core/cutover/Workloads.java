package dev.rehome.core.cutover;

import java.time.Duration;

/**
 * Port: the app's workloads as the cutover drives them: the app's Deployment, and for fleet moves every other
 * Deployment, StatefulSet or CronJob using the same database ({@link WorkloadRef.Kind}; a CronJob's replica count
 * is 1, or 0 while suspended). Implemented over the Kubernetes API by backend-kubectl and in memory by the sandbox.
 */
public interface Workloads {
    int replicas(WorkloadRef workload);

    /**
     * Sets the replica count and waits until that many pods are ready (0: all gone), or fails at {@code deadline}.
     * A CronJob is suspended (0) or resumed (1 or more); suspending one waits until none of its Jobs runs.
     */
    void scale(WorkloadRef workload, int replicas, Duration deadline);

    /**
     * The env var's current definition as an opaque, secret-free token that {@link #restoreEnv} understands
     * (a literal value holding a password is moved into a backup Secret by the implementation first).
     */
    String captureEnv(WorkloadRef workload, String container, String name);

    void restoreEnv(WorkloadRef workload, String container, String name, String captured);

    /**
     * Forgets a before-image once nothing will restore it (retire): a backup Secret {@link #captureEnv} made for a
     * literal value (the old URL, password and all) is deleted. Harmless when there is none.
     */
    void forgetEnv(WorkloadRef workload, String captured);

    void pointEnvAtSecret(WorkloadRef workload, String container, String name, String secret, String key);

    /**
     * Whether the env var reads {@code secret}/{@code key} now, as the re-point left it: false when something put
     * another definition back since (an ArgoCD self-heal, a {@code kubectl apply} of the old manifest). Reads only.
     */
    boolean envReadsSecret(WorkloadRef workload, String container, String name, String secret, String key);

    /**
     * How long the workload's newest Ready pod took from its start to Ready: what bringing the app back after the
     * copy will cost again. Empty when no pod says (none Ready, or a world without pods).
     */
    default java.util.Optional<Duration> lastStartup(WorkloadRef workload) {
        return java.util.Optional.empty();
    }

    /** Whether ArgoCD manages the workload (tracking label or annotation), so changes belong in Git. */
    boolean managedByArgo(WorkloadRef workload);

    /** Removes the Deployment and its Service of the same name, if present. */
    void deleteWorkloadAndService(WorkloadRef workload, String service);
}
