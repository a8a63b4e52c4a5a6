package dev.rehome.cutover.fleet;

import dev.rehome.core.cutover.WorkloadRef;
import dev.rehome.kubectl.workload.ArgoCdDetector;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Objects;
import java.util.Optional;

/** What quiescing each other workload will do, said with its state now, for the plan. Reads only. Thread-safe. */
final class ConsumerStates {
    private final KubernetesClient client;

    ConsumerStates(KubernetesClient client) {
        this.client = Objects.requireNonNull(client, "client");
    }

    String describe(WorkloadRef ref) {
        String ns = ref.namespace();
        HasMetadata object = switch (ref.kind()) {
            case DEPLOYMENT -> client.apps().deployments().inNamespace(ns).withName(ref.name()).get();
            case STATEFUL_SET -> client.apps().statefulSets().inNamespace(ns).withName(ref.name()).get();
            case CRON_JOB -> client.batch().v1().cronjobs().inNamespace(ns).withName(ref.name()).get();
        };
        String what;
        if (object instanceof CronJob c) {
            boolean suspended = Boolean.TRUE.equals(c.getSpec().getSuspend());
            what = ": suspended (spec.suspend " + suspended + " -> true; a running Job is waited for, or the move refuses"
                    + " naming it), " + (suspended ? "left suspended" : "resumed") + " after the app is up";
        } else {
            Integer replicas = object instanceof Deployment d ? d.getSpec().getReplicas()
                    : object instanceof StatefulSet s ? s.getSpec().getReplicas() : null;
            int n = Optional.ofNullable(replicas).orElse(1);
            what = ": replicas " + n + " -> 0 until the app is up on the new home, then back to " + n;
        }
        // Patched in the cluster like the app; a self-heal back to the old URL meets the fenced source and fails.
        String argo = object == null ? "" : new ArgoCdDetector(client, "argocd").tracking(object)
                .map(t -> "; managed by ArgoCD Application '" + t.application() + "': patched in the cluster only, "
                        + "commit the same change to Git or a sync reverts it to the old, fenced database").orElse("");
        return ref.describe() + what + argo;
    }
}
