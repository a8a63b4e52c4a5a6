package dev.rehome.kubectl.workload;

import dev.rehome.core.InvalidConfigurationException;
import dev.rehome.core.cutover.WorkloadRef.Kind;
import dev.rehome.kubectl.NamespacedName;
import dev.rehome.kubectl.retry.KubeRetry;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where each workload kind keeps what {@link WorkloadController} edits: its pod template (and that template's JSON
 * patch path), its replica count, the labels of its pods. Reads go through the retry; writes are the caller's.
 * Thread-safe.
 */
final class WorkloadObjects {
    private final KubernetesClient client;
    private final KubeRetry retry;

    WorkloadObjects(KubernetesClient client, KubeRetry retry) {
        this.client = Objects.requireNonNull(client, "client");
        this.retry = Objects.requireNonNull(retry, "retry");
    }

    /** The object, or {@link InvalidConfigurationException} when it does not exist. */
    HasMetadata get(Kind kind, NamespacedName ref) {
        HasMetadata o = retry.call(() -> resource(kind, ref).get());
        if (o == null) {
            throw new InvalidConfigurationException("no " + kind.label() + " " + ref);
        }
        return o;
    }

    Resource<? extends HasMetadata> resource(Kind kind, NamespacedName ref) {
        return switch (kind) {
            case DEPLOYMENT -> client.apps().deployments().inNamespace(ref.namespace()).withName(ref.name());
            case STATEFUL_SET -> client.apps().statefulSets().inNamespace(ref.namespace()).withName(ref.name());
            case CRON_JOB -> client.batch().v1().cronjobs().inNamespace(ref.namespace()).withName(ref.name());
        };
    }

    static PodSpec podSpec(HasMetadata o) {
        if (o instanceof Deployment d) {
            return d.getSpec().getTemplate().getSpec();
        }
        if (o instanceof StatefulSet s) {
            return s.getSpec().getTemplate().getSpec();
        }
        return ((CronJob) o).getSpec().getJobTemplate().getSpec().getTemplate().getSpec();
    }

    /** The JSON pointer of the pod spec inside the object, for JSON patches. */
    static String podSpecPath(Kind kind) {
        return kind == Kind.CRON_JOB ? "/spec/jobTemplate/spec/template/spec" : "/spec/template/spec";
    }

    /** Replicas; a CronJob counts 0 while suspended and 1 while it schedules. */
    static int replicas(HasMetadata o) {
        if (o instanceof Deployment d) {
            return Optional.ofNullable(d.getSpec().getReplicas()).orElse(1);
        }
        if (o instanceof StatefulSet s) {
            return Optional.ofNullable(s.getSpec().getReplicas()).orElse(1);
        }
        return Boolean.TRUE.equals(((CronJob) o).getSpec().getSuspend()) ? 0 : 1;
    }

    /** The labels that select the pods of a Deployment or StatefulSet. */
    static Map<String, String> podSelector(HasMetadata o) {
        var selector = o instanceof Deployment d ? d.getSpec().getSelector() : ((StatefulSet) o).getSpec().getSelector();
        return selector.getMatchLabels();
    }
}
