package dev.rehome.kubectl.exec;

import dev.rehome.core.CommandFailedException;
import dev.rehome.core.OperationFailedException;
import dev.rehome.core.RefusedException;
import dev.rehome.core.UnreachableException;
import dev.rehome.kubectl.retry.Sleeper;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves a database entirely inside the cluster: a Job in the target's namespace runs {@code pg_dump | pg_restore}
 * with the target's operand image, so the data never passes through this machine and both sides talk over the
 * cluster network. It watches the Job on {@code clock}: a pod that is not Running within
 * {@link JobWatch#podStartTimeout()} fails the copy with the reason the cluster gives (pod status and events), and
 * so does a Job still running at the spec's deadline; either way the Job is deleted so it cannot write into the
 * target later. A failed Job carries the tail of the pod's log and names the program that failed.
 */
public final class InClusterJobRunner {
    private static final Logger LOG = LoggerFactory.getLogger(InClusterJobRunner.class);
    static final int LOG_TAIL_LINES = 40;
    private static final Set<String> STARTED = Set.of("Running", "Succeeded", "Failed");

    private final KubernetesClient client;
    private final Clock clock;
    private final Sleeper sleeper;
    private final JobWatch watch;

    public InClusterJobRunner(KubernetesClient client, Clock clock) {
        this(client, clock, Sleeper.system(), JobWatch.defaults());
    }

    public InClusterJobRunner(KubernetesClient client, Clock clock, Sleeper sleeper, JobWatch watch) {
        this.client = Objects.requireNonNull(client, "client");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.watch = Objects.requireNonNull(watch, "watch");
    }

    /** Creates the Job and waits for it; throws {@link CommandFailedException} when it fails. */
    public JobRun run(DumpRestoreJobSpec spec) {
        return run(spec, JobProgress.NONE);
    }

    /** {@link #run(DumpRestoreJobSpec)}, telling {@code progress} every {@link JobWatch#progressEvery()}. */
    public JobRun run(DumpRestoreJobSpec spec, JobProgress progress) {
        return run(spec, progress, job -> { });
    }

    /** {@link #run(DumpRestoreJobSpec, JobProgress)}, handing {@code created} the Job as the API stored it (its UID). */
    public JobRun run(DumpRestoreJobSpec spec, JobProgress progress, java.util.function.Consumer<Job> created) {
        Instant start = clock.instant();
        created.accept(create(spec));
        LOG.info("started Job {}/{} copying {} to {}", spec.namespace(), spec.name(), spec.source().describe(),
                spec.target().describe());
        Job finished = awaitFinished(spec, start, progress);
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
        throw new CommandFailedException(program, "in Job '" + spec.namespace() + "/" + spec.name() + "'", code, tail);
    }

    /** Deletes the Job and its pods (background propagation), e.g. after reading a failure. */
    public void delete(String namespace, String name) {
        client.batch().v1().jobs().inNamespace(namespace).withName(name)
                .withPropagationPolicy(DeletionPropagation.BACKGROUND).delete();
    }

    private Job create(DumpRestoreJobSpec spec) {
        try {
            return client.resource(DumpRestoreJobManifest.build(spec)).create();
        } catch (KubernetesClientException e) {
            if (e.getCode() == 409) {
                throw new RefusedException("Job " + spec.namespace() + "/" + spec.name() + " already exists; a copy may "
                        + "still run. Check it with kubectl -n " + spec.namespace() + " get job " + spec.name()
                        + ", delete it when it is finished, and run again");
            }
            throw new UnreachableException("cannot create Job " + spec.namespace() + "/" + spec.name() + ": "
                    + e.getMessage() + "; check that you may create jobs in namespace " + spec.namespace(), e);
        }
    }

    /** Polls until the Job finished; fails when it is deleted, overruns its deadline, or its pod never starts. */
    private Job awaitFinished(DumpRestoreJobSpec spec, Instant start, JobProgress progress) {
        String name = spec.namespace() + "/" + spec.name();
        Instant deadline = start.plus(spec.activeDeadline()).plusSeconds(30);
        Instant nextProgress = start.plus(watch.progressEvery());
        boolean podStarted = false;
        while (true) {
            Job job = client.batch().v1().jobs().inNamespace(spec.namespace()).withName(spec.name()).get();
            if (job == null) {
                throw new OperationFailedException("Job " + name + " was deleted before it finished; the target database "
                        + "may be half-filled: drop and recreate it before another attempt. Its log:\n" + logTail(spec));
            }
            if (finished(job.getStatus())) {
                return job;
            }
            Instant now = clock.instant();
            if (!now.isBefore(deadline)) {
                String log = logTail(spec);
                deleteQuietly(spec);
                throw new OperationFailedException("Job " + name + " did not finish within " + spec.activeDeadline()
                        + "; it was deleted so it cannot write into the target later. Its log:\n" + log);
            }
            Optional<Pod> pod = JobLogs.newestPod(client, spec.namespace(), spec.name());
            podStarted = podStarted || pod.map(p -> p.getStatus() != null && STARTED.contains(p.getStatus().getPhase()))
                    .orElse(false);
            if (!podStarted && !now.isBefore(start.plus(watch.podStartTimeout()))) {
                String why = JobPodDiagnosis.explain(client, spec.namespace(), spec.name(), pod);
                deleteQuietly(spec);
                throw new OperationFailedException("Job " + name + " did not start within " + watch.podStartTimeout()
                        + ": " + why + ". The Job was deleted; nothing was copied");
            }
            if (podStarted && !now.isBefore(nextProgress)) {
                progress.onRunning(name, Duration.between(start, now), spec.activeDeadline());
                nextProgress = now.plus(watch.progressEvery());
            }
            pause();
        }
    }

    private void pause() {
        try {
            sleeper.sleep(watch.pollInterval());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OperationFailedException("interrupted while waiting for a copy Job", e);
        }
    }

    private void deleteQuietly(DumpRestoreJobSpec spec) {
        try {
            delete(spec.namespace(), spec.name());
        } catch (KubernetesClientException e) {
            LOG.warn("could not delete Job {}/{}; delete it by hand: {}", spec.namespace(), spec.name(), e.getMessage());
        }
    }

    private static boolean finished(JobStatus status) {
        return status != null && ((status.getSucceeded() != null && status.getSucceeded() > 0)
                || (status.getFailed() != null && status.getFailed() > 0));
    }

    private String logTail(DumpRestoreJobSpec spec) {
        return JobLogs.tail(client, spec.namespace(), spec.name(), LOG_TAIL_LINES);
    }
}
