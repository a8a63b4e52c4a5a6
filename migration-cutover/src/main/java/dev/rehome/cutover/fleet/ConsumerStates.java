package dev.rehome.cutover.fleet;

import dev.rehome.core.cutover.WorkloadRef;
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
        return ref.describe() + switch (ref.kind()) {
            case DEPLOYMENT -> replicas(Optional.ofNullable(client.apps().deployments().inNamespace(ns)
                    .withName(ref.name()).get()).map(d -> d.getSpec().getReplicas()));
            case STATEFUL_SET -> replicas(Optional.ofNullable(client.apps().statefulSets().inNamespace(ns)
                    .withName(ref.name()).get()).map(s -> s.getSpec().getReplicas()));
            case CRON_JOB -> {
                boolean suspended = Optional.ofNullable(client.batch().v1().cronjobs().inNamespace(ns)
                        .withName(ref.name()).get()).map(c -> Boolean.TRUE.equals(c.getSpec().getSuspend())).orElse(false);
                yield ": suspended (spec.suspend " + suspended + " -> true; a running Job is waited for, or the move "
                        + "refuses naming it), " + (suspended ? "left suspended" : "resumed") + " after the app is up";
            }
        };
    }

    private static String replicas(Optional<Integer> now) {
        int n = now.orElse(1);
        return ": replicas " + n + " -> 0 until the app is up on the new home, then back to " + n;
    }
}
