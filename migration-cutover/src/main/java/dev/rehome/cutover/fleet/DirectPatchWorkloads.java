package dev.rehome.cutover.fleet;

import dev.rehome.core.cutover.WorkloadRef;
import dev.rehome.core.cutover.Workloads;
import java.time.Duration;
import java.util.Objects;

/**
 * The operator's override ({@code --allow-argocd-patch}): an ArgoCD-managed app is patched in the cluster as if
 * nothing managed it. ArgoCD's self-heal may revert the re-point to the old, fenced database, which then fails
 * loudly instead of taking writes; the plan's notes say so. Everything else is the wrapped port's.
 */
final class DirectPatchWorkloads implements Workloads {
    private final Workloads delegate;

    DirectPatchWorkloads(Workloads delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    @Override
    public int replicas(WorkloadRef workload) {
        return delegate.replicas(workload);
    }

    @Override
    public void scale(WorkloadRef workload, int replicas, Duration deadline) {
        delegate.scale(workload, replicas, deadline);
    }

    @Override
    public java.util.Optional<Duration> lastStartup(WorkloadRef workload) {
        return delegate.lastStartup(workload);
    }

    @Override
    public String captureEnv(WorkloadRef workload, String container, String name) {
        return delegate.captureEnv(workload, container, name);
    }

    @Override
    public void forgetEnv(WorkloadRef workload, String captured) {
        delegate.forgetEnv(workload, captured);
    }

    @Override
    public void restoreEnv(WorkloadRef workload, String container, String name, String captured) {
        delegate.restoreEnv(workload, container, name, captured);
    }

    @Override
    public void pointEnvAtSecret(WorkloadRef workload, String container, String name, String secret, String key) {
        delegate.pointEnvAtSecret(workload, container, name, secret, key);
    }

    @Override
    public boolean envReadsSecret(WorkloadRef workload, String container, String name, String secret, String key) {
        return delegate.envReadsSecret(workload, container, name, secret, key);
    }

    @Override
    public boolean managedByArgo(WorkloadRef workload) {
        return false;
    }

    @Override
    public void deleteWorkloadAndService(WorkloadRef workload, String service) {
        delegate.deleteWorkloadAndService(workload, service);
    }
}
