package dev.rehome.kubectl.workload;

import dev.rehome.core.InvalidConfigurationException;
import dev.rehome.core.RefusedException;
import dev.rehome.kubectl.NamespacedName;
import dev.rehome.kubectl.retry.KubeRetry;
import dev.rehome.kubectl.retry.Poller;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.RollableScalableResource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scales, re-points and waits for a Deployment. Every imperative edit first asks the {@link ArgoCdDetector}
 * and, under {@link EditPolicy#REFUSE_GITOPS_MANAGED}, refuses objects ArgoCD manages. Edits use JSON merge or
 * JSON patches (no strategic merge; lists are replaced by index with a resourceVersion test), are idempotent, and are retried through transient API failures.
 * Thread-safe.
 */
public final class WorkloadController {
    private static final Logger LOG = LoggerFactory.getLogger(WorkloadController.class);
    private static final int HTTP_CONFLICT = 409;
    private static final int ENV_PATCH_ATTEMPTS = 5;

    private final KubernetesClient client;
    private final ArgoCdDetector argo;
    private final EditPolicy policy;
    private final Poller poller;
    private final KubeRetry retry;

    public WorkloadController(KubernetesClient client, ArgoCdDetector argo, EditPolicy policy, Poller poller,
                              KubeRetry retry) {
        this.client = Objects.requireNonNull(client, "client");
        this.argo = Objects.requireNonNull(argo, "argo");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.poller = Objects.requireNonNull(poller, "poller");
        this.retry = Objects.requireNonNull(retry, "retry");
    }

    /** ArgoCD tracking of the Deployment, if any (for plans and preflight). */
    public Optional<ArgoCdTracking> argoCdTracking(NamespacedName deployment) {
        return argo.tracking(get(deployment));
    }

    /** The Deployment's replica count now. */
    public int replicas(NamespacedName deployment) {
        return Optional.ofNullable(get(deployment).getSpec().getReplicas()).orElse(1);
    }

    /**
     * Scales to 0 and waits until no pod of the Deployment runs (terminating pods count as running: they may
     * still write). Returns the replica count before, for scaling back.
     */
    public int scaleToZero(NamespacedName deployment, Duration timeout) {
        Deployment d = get(deployment);
        guard(d, "scale to 0");
        int before = Optional.ofNullable(d.getSpec().getReplicas()).orElse(1);
        patchReplicas(deployment, 0);
        poller.until("no pod of Deployment " + deployment + " to run", timeout, () -> {
            List<Pod> pods = pods(deployment, d);
            return pods.isEmpty() ? Optional.of(Boolean.TRUE) : Optional.empty();
        });
        LOG.info("Deployment '{}' scaled {} -> 0, no pod runs", deployment, before);
        return before;
    }

    /** Scales to {@code replicas} and waits until that many are ready on the current generation. */
    public void scaleAndAwaitReady(NamespacedName deployment, int replicas, Duration timeout) {
        guard(get(deployment), "scale to " + replicas);
        patchReplicas(deployment, replicas);
        awaitReady(deployment, replicas, timeout);
    }

    /** Waits until {@code replicas} pods of the current template are ready. */
    public void awaitReady(NamespacedName deployment, int replicas, Duration timeout) {
        poller.until("Deployment " + deployment + " to have " + replicas + " ready replicas", timeout, () -> {
            Deployment d = get(deployment);
            var s = d.getStatus();
            if (s == null) {
                return Optional.empty();
            }
            boolean observed = s.getObservedGeneration() == null || d.getMetadata().getGeneration() == null
                    || s.getObservedGeneration() >= d.getMetadata().getGeneration();
            int ready = Optional.ofNullable(s.getReadyReplicas()).orElse(0);
            int updated = Optional.ofNullable(s.getUpdatedReplicas()).orElse(ready);
            return observed && ready >= replicas && updated >= replicas ? Optional.of(Boolean.TRUE) : Optional.empty();
        });
    }

    /**
     * Sets env var {@code name} on {@code container} to {@code value}; returns what it was before (empty if
     * unset), for rollback through {@link #restoreEnv}. Setting the same value again changes nothing.
     */
    public Optional<EnvVar> setEnv(NamespacedName deployment, String container, String name, EnvValue value) {
        return replaceEnv(deployment, container, name, Optional.of(value.toEnvVar(name)));
    }

    /** Puts back an env var as {@link #setEnv} found it (removes it when {@code before} is empty). */
    public void restoreEnv(NamespacedName deployment, String container, String name, Optional<EnvVar> before) {
        replaceEnv(deployment, container, name, before);
    }

    private Optional<EnvVar> replaceEnv(NamespacedName ref, String containerName, String name, Optional<EnvVar> next) {
        for (int attempt = 1; ; attempt++) {
            try {
                return replaceEnvOnce(ref, containerName, name, next);
            } catch (KubernetesClientException e) {
                if (e.getCode() != HTTP_CONFLICT || attempt >= ENV_PATCH_ATTEMPTS) {
                    throw e;
                }
                LOG.info("Deployment '{}' changed while env {} was being set (attempt {}); reading it again",
                        ref, name, attempt);
            }
        }
    }

    /**
     * A JSON patch of just this one env entry, guarded by the resourceVersion read (a concurrent change is a 409,
     * and the caller reads again) and by tests of names only: no env value of the app (another var may hold an API
     * key) goes to the API server as a precondition, and only the new entry's value is sent at all.
     */
    private Optional<EnvVar> replaceEnvOnce(NamespacedName ref, String containerName, String name,
                                            Optional<EnvVar> next) {
        Deployment d = get(ref);
        guard(d, "change env " + name);
        List<Container> containers = d.getSpec().getTemplate().getSpec().getContainers();
        Container c = containers.stream().filter(x -> x.getName().equals(containerName)).findFirst()
                .orElseThrow(() -> new InvalidConfigurationException("Deployment " + ref + " has no container '"
                        + containerName + "'; containers: " + containers.stream().map(Container::getName).toList()));
        List<EnvVar> env = Optional.ofNullable(c.getEnv()).orElse(List.of());
        Optional<EnvVar> before = env.stream().filter(e -> e.getName().equals(name)).findFirst();
        if (before.equals(next)) {
            return before;
        }
        String containerPath = "/spec/template/spec/containers/" + containers.indexOf(c);
        String envPath = containerPath + "/env";
        int index = env.indexOf(before.orElse(null));
        List<Map<String, Object>> ops = new ArrayList<>();
        // The resourceVersion read, set in the patched object: the API server answers 409 when it has moved on.
        ops.add(Map.of("op", "replace", "path", "/metadata/resourceVersion", "value", d.getMetadata().getResourceVersion()));
        ops.add(Map.of("op", "test", "path", containerPath + "/name", "value", containerName));
        if (index >= 0) {
            ops.add(Map.of("op", "test", "path", envPath + "/" + index + "/name", "value", name));
            ops.add(next.isPresent() ? Map.of("op", "replace", "path", envPath + "/" + index, "value", next.get())
                    : Map.of("op", "remove", "path", envPath + "/" + index));
        } else if (next.isPresent()) {
            ops.add(c.getEnv() == null ? Map.of("op", "add", "path", envPath, "value", List.of(next.get()))
                    : Map.of("op", "add", "path", envPath + "/-", "value", next.get()));
        }
        deployments(ref).patch(PatchContext.of(PatchType.JSON), Serialization.asJson(ops));
        LOG.info("Deployment '{}' container '{}': env {} {}", ref, containerName, name,
                next.isPresent() ? "set" : "removed");
        return before;
    }

    private void patchReplicas(NamespacedName ref, int replicas) {
        retry.run(() -> deployments(ref).patch(PatchContext.of(PatchType.JSON_MERGE),
                "{\"spec\":{\"replicas\":" + replicas + "}}"));
    }

    private void guard(Deployment d, String action) {
        if (policy == EditPolicy.ALLOW_ARGOCD_DRIFT) {
            return;
        }
        argo.tracking(d).ifPresent(t -> {
            throw new RefusedException("Deployment " + d.getMetadata().getNamespace() + "/" + d.getMetadata().getName()
                    + " is managed by ArgoCD Application '" + t.application() + "' (" + t.evidence() + ")"
                    + (t.selfHeal().orElse(false) ? ", which self-heals and would revert '" + action + "' within seconds"
                    : "") + "; write the change to Git with --gitops-dir, or pass --allow-argocd-drift after pausing sync");
        });
    }

    private List<Pod> pods(NamespacedName ref, Deployment d) {
        var labels = d.getSpec().getSelector().getMatchLabels();
        return retry.call(() -> client.pods().inNamespace(ref.namespace()).withLabels(labels).list().getItems())
                .stream().filter(p -> p.getStatus() == null || !List.of("Succeeded", "Failed")
                        .contains(p.getStatus().getPhase())).toList();
    }

    private Deployment get(NamespacedName ref) {
        Deployment d = retry.call(() -> deployments(ref).get());
        if (d == null) {
            throw new InvalidConfigurationException("no Deployment " + ref);
        }
        return d;
    }

    private RollableScalableResource<Deployment> deployments(NamespacedName ref) {
        return client.apps().deployments().inNamespace(ref.namespace()).withName(ref.name());
    }
}
