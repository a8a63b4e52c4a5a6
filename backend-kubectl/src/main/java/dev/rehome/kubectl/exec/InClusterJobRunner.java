package dev.rehome.kubectl.exec;

import dev.rehome.core.CommandFailedException;
import dev.rehome.core.OperationFailedException;
import dev.rehome.core.RefusedException;
import dev.rehome.core.UnreachableException;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.KubernetesClientTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves a database entirely inside the cluster: a Job in the target's namespace runs {@code pg_dump | pg_restore}
 * with the target's operand image, so the data never passes through this machine and both sides talk over the
 * cluster network. Waits on a watch until the Job succeeds or fails, bounded by the spec's deadline on
 * {@code clock}; a failure carries the tail of the pod's log and names the program that failed.
 */
public final class InClusterJobRunner {
    private static final Logger LOG = LoggerFactory.getLogger(InClusterJobRunner.class);
    static final int LOG_TAIL_LINES = 40;

    private final KubernetesClient client;
    private final Clock clock;

    public InClusterJobRunner(KubernetesClient client, Clock clock) {
        this.client = Objects.requireNonNull(client, "client");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Creates the Job and waits for it; throws {@link CommandFailedException} when it fails. */
    public JobRun run(DumpRestoreJobSpec spec) {
        Instant start = clock.instant();
        Instant deadline = start.plus(spec.activeDeadline()).plusSeconds(30);
        Job job = DumpRestoreJobManifest.build(spec);
        String where = "in Job '" + spec.namespace() + "/" + spec.name() + "'";
        try {
            client.resource(job).create();
        } catch (KubernetesClientException e) {
            if (e.getCode() == 409) {
                throw new RefusedException("Job " + spec.namespace() + "/" + spec.name() + " already exists; a copy may "
                        + "still run. Check it with kubectl -n " + spec.namespace() + " get job " + spec.name()
                        + ", delete it when it is finished, and run again");
            }
            throw new UnreachableException("cannot create Job " + spec.namespace() + "/" + spec.name() + ": "
                    + e.getMessage() + "; check that you may create jobs in namespace " + spec.namespace(), e);
        }
        LOG.info("started Job {}/{} copying {} to {}", spec.namespace(), spec.name(), spec.source().describe(),
                spec.target().describe());
        Job finished = awaitFinished(spec, deadline);
        if (finished == null) {
            throw new OperationFailedException("Job " + spec.namespace() + "/" + spec.name() + " was deleted before it "
                    + "finished; the target database may be half-filled: drop and recreate it before another attempt");
        }
        JobStatus status = finished.getStatus();
        if (status.getSucceeded() != null && status.getSucceeded() > 0) {
            return new JobRun(spec.namespace(), spec.name(), Duration.between(start, clock.instant()));
        }
        String log = logTail(spec);
        String reason = status.getConditions() == null ? "" : status.getConditions().stream()
                .filter(c -> "Failed".equals(c.getType())).map(c -> c.getReason()).findFirst().orElse("");
        var failure = DumpRestoreScript.failureIn(log);
        String program = failure.map(DumpRestoreScript.Failure::program).orElse("pg_dump | pg_restore");
        int code = failure.map(DumpRestoreScript.Failure::exitCode).orElse(-1);
        String tail = ("DeadlineExceeded".equals(reason) ? "the Job ran longer than " + spec.activeDeadline() + "\n" : "") + log;
        throw new CommandFailedException(program, where, code, tail);
    }

    /** Deletes the Job and its pods (background propagation), e.g. after reading a failure. */
    public void delete(String namespace, String name) {
        client.batch().v1().jobs().inNamespace(namespace).withName(name)
                .withPropagationPolicy(DeletionPropagation.BACKGROUND).delete();
    }

    private Job awaitFinished(DumpRestoreJobSpec spec, Instant deadline) {
        Duration left = Duration.between(clock.instant(), deadline);
        try {
            return client.batch().v1().jobs().inNamespace(spec.namespace()).withName(spec.name())
                    .waitUntilCondition(j -> j == null || finished(j.getStatus()),
                            Math.max(1, left.toMillis()), TimeUnit.MILLISECONDS);
        } catch (KubernetesClientTimeoutException e) {
            throw new OperationFailedException("Job " + spec.namespace() + "/" + spec.name() + " did not finish within "
                    + spec.activeDeadline() + "; it is left in place for inspection (kubectl -n " + spec.namespace()
                    + " logs job/" + spec.name() + ")", e);
        }
    }

    private static boolean finished(JobStatus status) {
        return status != null && ((status.getSucceeded() != null && status.getSucceeded() > 0)
                || (status.getFailed() != null && status.getFailed() > 0));
    }

    private String logTail(DumpRestoreJobSpec spec) {
        List<Pod> pods = client.pods().inNamespace(spec.namespace()).withLabel("job-name", spec.name()).list().getItems();
        return pods.stream()
                .max(Comparator.comparing(p -> p.getMetadata().getCreationTimestamp() == null ? "" : p.getMetadata().getCreationTimestamp()))
                .map(p -> {
                    try {
                        return client.pods().inNamespace(spec.namespace()).withName(p.getMetadata().getName())
                                .tailingLines(LOG_TAIL_LINES).getLog();
                    } catch (KubernetesClientException e) {
                        return "(log of pod " + p.getMetadata().getName() + " unavailable: " + e.getMessage() + ")";
                    }
                })
                .orElse("(no pod of the Job was found)");
    }
}
