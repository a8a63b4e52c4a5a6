package dev.rehome.kubectl.workload;

import dev.rehome.core.OperationFailedException;
import dev.rehome.core.RefusedException;
import dev.rehome.kubectl.NamespacedName;
import dev.rehome.kubectl.retry.KubeRetry;
import dev.rehome.kubectl.retry.Poller;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The Jobs a CronJob started that still run. Suspending a CronJob stops new runs only; a run already going may
 * still write to the old database, so quiescing waits for it and refuses, naming it, when it does not end in time.
 * Thread-safe.
 */
final class CronJobRuns {
    private final KubernetesClient client;
    private final Poller poller;
    private final KubeRetry retry;

    CronJobRuns(KubernetesClient client, Poller poller, KubeRetry retry) {
        this.client = Objects.requireNonNull(client, "client");
        this.poller = Objects.requireNonNull(poller, "poller");
        this.retry = Objects.requireNonNull(retry, "retry");
    }

    void awaitNoRunningJob(NamespacedName cronJob, Duration timeout) {
        try {
            poller.until("no Job of CronJob " + cronJob + " to run", timeout,
                    () -> running(cronJob).isEmpty() ? Optional.of(Boolean.TRUE) : Optional.empty());
        } catch (OperationFailedException e) {
            throw new RefusedException("CronJob " + cronJob + " is suspended, but its Job(s) " + running(cronJob)
                    + " still run after " + timeout + " and may write to the old database during the copy; let them"
                    + " finish or delete them (kubectl -n " + cronJob.namespace() + " delete job NAME), then run again."
                    + " The CronJob is resumed by the rollback.", e);
        }
    }

    /** Names of the CronJob's Jobs that have neither completed nor failed. */
    List<String> running(NamespacedName cronJob) {
        return retry.call(() -> client.batch().v1().jobs().inNamespace(cronJob.namespace()).list().getItems()).stream()
                .filter(j -> ownedBy(j, cronJob.name()) && !finished(j))
                .map(j -> j.getMetadata().getName()).sorted().toList();
    }

    private static boolean ownedBy(Job j, String cronJob) {
        return Optional.ofNullable(j.getMetadata().getOwnerReferences()).orElse(List.of()).stream()
                .anyMatch(o -> "CronJob".equals(o.getKind()) && cronJob.equals(o.getName()));
    }

    private static boolean finished(Job j) {
        var s = j.getStatus();
        return s != null && (s.getCompletionTime() != null || Optional.ofNullable(s.getConditions()).orElse(List.of())
                .stream().anyMatch(c -> ("Complete".equals(c.getType()) || "Failed".equals(c.getType()))
                        && "True".equals(c.getStatus())));
    }
}
