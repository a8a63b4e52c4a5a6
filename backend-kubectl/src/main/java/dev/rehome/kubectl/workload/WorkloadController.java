package dev.rehome.kubectl.workload;

import dev.rehome.core.RefusedException;
import dev.rehome.core.cutover.WorkloadRef.Kind;
import dev.rehome.kubectl.NamespacedName;
import dev.rehome.kubectl.retry.KubeRetry;
import dev.rehome.kubectl.retry.Poller;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scales, re-points and waits for a Deployment, a StatefulSet or a CronJob (whose "scale" is {@code spec.suspend}). Every imperative edit first asks the {@link ArgoCdDetector}
 * and, under {@link EditPolicy#REFUSE_GITOPS_MANAGED}, refuses objects ArgoCD manages. Edits use JSON merge or
 * JSON patches (no strategic merge; lists are replaced by index with a resourceVersion test), are idempotent, and are retried through transient API failures.
 * Thread-safe.
 */
public final class WorkloadController {
    private static final Logger LOG = LoggerFactory.getLogger(WorkloadController.class);

    private final KubernetesClient client;
    private final ArgoCdDetector argo;
    private final EditPolicy policy;
    private final Poller poller;
    private final KubeRetry retry;
    private final WorkloadObjects objects;
    private final CronJobRuns cronJobs;
    private final EnvPatches env;

    public WorkloadController(KubernetesClient client, ArgoCdDetector argo, EditPolicy policy, Poller poller,
                              KubeRetry retry) {
        this.client = Objects.requireNonNull(client, "client");
        this.argo = Objects.requireNonNull(argo, "argo");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.poller = Objects.requireNonNull(poller, "poller");
        this.retry = Objects.requireNonNull(retry, "retry");
        this.objects = new WorkloadObjects(client, retry);
        this.cronJobs = new CronJobRuns(client, poller, retry);
        this.env = new EnvPatches(objects, this::guard);
    }

    /** ArgoCD tracking of the Deployment, if any (for plans and preflight). */
    public Optional<ArgoCdTracking> argoCdTracking(NamespacedName deployment) {
        return argoCdTracking(Kind.DEPLOYMENT, deployment);
    }

    /** ArgoCD tracking of the workload, if any. */
    public Optional<ArgoCdTracking> argoCdTracking(Kind kind, NamespacedName ref) {
        return argo.tracking(objects.get(kind, ref));
    }

    /** The Deployment's replica count now. */
    public int replicas(NamespacedName deployment) {
        return replicas(Kind.DEPLOYMENT, deployment);
    }

    /** The workload's replica count now (a CronJob: 0 while suspended, else 1). */
    public int replicas(Kind kind, NamespacedName ref) {
        return WorkloadObjects.replicas(objects.get(kind, ref));
    }

    /**
     * Scales to 0 and waits until no pod of the Deployment runs (terminating pods count as running: they may
     * still write). Returns the replica count before, for scaling back.
     */
    public int scaleToZero(NamespacedName deployment, Duration timeout) {
        return scaleToZero(Kind.DEPLOYMENT, deployment, timeout);
    }

    /**
     * Scales a Deployment or StatefulSet to 0 and waits until none of its pods runs; suspends a CronJob and waits
     * until none of its Jobs runs, refusing at {@code timeout} with the Jobs named. Returns the count before.
     */
    public int scaleToZero(Kind kind, NamespacedName ref, Duration timeout) {
        HasMetadata o = objects.get(kind, ref);
        guard(o, kind == Kind.CRON_JOB ? "suspend" : "scale to 0");
        int before = WorkloadObjects.replicas(o);
        if (kind == Kind.CRON_JOB) {
            patchSuspend(ref, true);
            cronJobs.awaitNoRunningJob(ref, timeout);
            LOG.info("CronJob '{}' suspended, none of its Jobs runs", ref);
            return before;
        }
        patchReplicas(kind, ref, 0);
        poller.until("no pod of " + kind.label() + " " + ref + " to run", timeout, () -> {
            List<Pod> pods = pods(ref, o);
            return pods.isEmpty() ? Optional.of(Boolean.TRUE) : Optional.empty();
        });
        LOG.info("{} '{}' scaled {} -> 0, no pod runs", kind.label(), ref, before);
        return before;
    }

    /** Scales to {@code replicas} and waits until that many are ready on the current generation. */
    public void scaleAndAwaitReady(NamespacedName deployment, int replicas, Duration timeout) {
        scaleAndAwaitReady(Kind.DEPLOYMENT, deployment, replicas, timeout);
    }

    /** As {@link #scaleAndAwaitReady(NamespacedName, int, Duration)}; a CronJob is resumed (no pod to wait for). */
    public void scaleAndAwaitReady(Kind kind, NamespacedName ref, int replicas, Duration timeout) {
        guard(objects.get(kind, ref), kind == Kind.CRON_JOB ? "resume" : "scale to " + replicas);
        if (kind == Kind.CRON_JOB) {
            patchSuspend(ref, replicas == 0);
            return;
        }
        patchReplicas(kind, ref, replicas);
        awaitReady(kind, ref, replicas, timeout);
    }

    /** Waits until {@code replicas} pods of the current template are ready. */
    public void awaitReady(NamespacedName deployment, int replicas, Duration timeout) {
        awaitReady(Kind.DEPLOYMENT, deployment, replicas, timeout);
    }

    private void awaitReady(Kind kind, NamespacedName ref, int replicas, Duration timeout) {
        poller.until(kind.label() + " " + ref + " to have " + replicas + " ready replicas", timeout, () -> {
            HasMetadata o = objects.get(kind, ref);
            ReadyCount s = ReadyCount.of(o);
            if (s == null) {
                return Optional.empty();
            }
            boolean observed = s.observedGeneration() == null || o.getMetadata().getGeneration() == null
                    || s.observedGeneration() >= o.getMetadata().getGeneration();
            int ready = Optional.ofNullable(s.ready()).orElse(0);
            int updated = Optional.ofNullable(s.updated()).orElse(ready);
            return observed && ready >= replicas && updated >= replicas ? Optional.of(Boolean.TRUE) : Optional.empty();
        });
    }

    /** The env var {@code name} of {@code container} now, if set. */
    public Optional<EnvVar> env(Kind kind, NamespacedName ref, String container, String name) {
        return WorkloadObjects.podSpec(objects.get(kind, ref)).getContainers().stream()
                .filter(c -> c.getName().equals(container)).findFirst()
                .flatMap(c -> Optional.ofNullable(c.getEnv()).orElse(List.of()).stream()
                        .filter(e -> e.getName().equals(name)).findFirst());
    }

    /**
     * Sets env var {@code name} on {@code container} to {@code value}; returns what it was before (empty if
     * unset), for rollback through {@link #restoreEnv}. Setting the same value again changes nothing.
     */
    public Optional<EnvVar> setEnv(NamespacedName deployment, String container, String name, EnvValue value) {
        return setEnv(Kind.DEPLOYMENT, deployment, container, name, value);
    }

    /** As {@link #setEnv(NamespacedName, String, String, EnvValue)} for any kind (a CronJob's Job template). */
    public Optional<EnvVar> setEnv(Kind kind, NamespacedName ref, String container, String name, EnvValue value) {
        return env.replace(kind, ref, container, name, Optional.of(value.toEnvVar(name)));
    }

    /** Puts back an env var as {@link #setEnv} found it (removes it when {@code before} is empty). */
    public void restoreEnv(NamespacedName deployment, String container, String name, Optional<EnvVar> before) {
        restoreEnv(Kind.DEPLOYMENT, deployment, container, name, before);
    }

    public void restoreEnv(Kind kind, NamespacedName ref, String container, String name, Optional<EnvVar> before) {
        env.replace(kind, ref, container, name, before);
    }

    /** Start to Ready of the workload's newest Ready pod ({@link PodStartup}); empty for a CronJob or no such pod. */
    public Optional<Duration> lastStartup(Kind kind, NamespacedName ref) {
        if (kind == Kind.CRON_JOB) {
            return Optional.empty();
        }
        return PodStartup.newestReady(pods(ref, objects.get(kind, ref)));
    }

    private void patchReplicas(Kind kind, NamespacedName ref, int replicas) {
        retry.run(() -> objects.resource(kind, ref).patch(PatchContext.of(PatchType.JSON_MERGE),
                "{\"spec\":{\"replicas\":" + replicas + "}}"));
    }

    private void patchSuspend(NamespacedName ref, boolean suspend) {
        retry.run(() -> objects.resource(Kind.CRON_JOB, ref).patch(PatchContext.of(PatchType.JSON_MERGE),
                "{\"spec\":{\"suspend\":" + suspend + "}}"));
    }

    private void guard(HasMetadata d, String action) {
        if (policy == EditPolicy.ALLOW_ARGOCD_DRIFT) {
            return;
        }
        argo.tracking(d).ifPresent(t -> {
            throw new RefusedException(d.getKind() + " " + d.getMetadata().getNamespace() + "/" + d.getMetadata().getName()
                    + " is managed by ArgoCD Application '" + t.application() + "' (" + t.evidence() + ")"
                    + (t.selfHeal().orElse(false) ? ", which self-heals and would revert '" + action + "' within seconds"
                    : "") + "; write the change to Git with --gitops-dir, or pass --allow-argocd-drift after pausing sync");
        });
    }

    private List<Pod> pods(NamespacedName ref, HasMetadata d) {
        var labels = WorkloadObjects.podSelector(d);
        return retry.call(() -> client.pods().inNamespace(ref.namespace()).withLabels(labels).list().getItems())
                .stream().filter(p -> p.getStatus() == null || !List.of("Succeeded", "Failed")
                        .contains(p.getStatus().getPhase())).toList();
    }
}
