package dev.rehome.kubectl.exec;

import dev.rehome.core.CopyEngine;
import dev.rehome.core.CopyProgress;
import dev.rehome.core.CopyRequest;
import dev.rehome.core.CopyResult;
import dev.rehome.core.DatabaseEndpoint;
import dev.rehome.core.MigrationListener;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code dump-restore-job} copy engine: the whole {@code pg_dump | pg_restore} runs in a Job inside the
 * cluster ({@link InClusterJobRunner}). The request's endpoints must be as pods see them (Service host names such
 * as {@code postgres.basketball-api.svc}, port 5432). Both passwords are staged in a short-lived Secret in the
 * Job's namespace (labelled {@code app.kubernetes.io/managed-by=rehome}, deleted when the copy ends) because a Job
 * can only read Secrets of its own namespace; they never appear in the Job object. The Job may run as long as
 * {@link CopyBudget} allows for the source's size ({@link DatabaseSize}; the placement's deadline when unknown);
 * while it runs the listener hears a notice every {@link JobWatch#progressEvery()}. A Job that succeeded is deleted
 * with its Secret; a failed one stays for inspection until {@link JobPlacement#keepAfterFinished()}.
 */
public final class InClusterCopy implements CopyEngine {
    public static final String ID = "dump-restore-job";
    static final String SOURCE_KEY = "source-password";
    static final String TARGET_KEY = "target-password";
    private static final Logger LOG = LoggerFactory.getLogger(InClusterCopy.class);

    private final KubernetesClient client;
    private final Clock clock;
    private final JobPlacement placement;
    private final InClusterJobRunner runner;
    private final CopyBudget budget;
    private final DatabaseSize size;
    private final SecureRandom random = new SecureRandom();

    public InClusterCopy(KubernetesClient client, Clock clock, JobPlacement placement) {
        this(client, clock, placement, new InClusterJobRunner(client, clock), CopyBudget.assumed(), DatabaseSize.UNKNOWN);
    }

    public InClusterCopy(KubernetesClient client, Clock clock, JobPlacement placement, InClusterJobRunner runner,
                         CopyBudget budget, DatabaseSize size) {
        this.client = Objects.requireNonNull(client, "client");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.placement = Objects.requireNonNull(placement, "placement");
        this.runner = Objects.requireNonNull(runner, "runner");
        this.budget = Objects.requireNonNull(budget, "budget");
        this.size = Objects.requireNonNull(size, "size");
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public CopyResult copy(CopyRequest request, MigrationListener listener) {
        Instant start = clock.instant();
        String name = "rehome-copy-" + HexFormat.of().formatHex(randomBytes());
        String secretName = name + "-credentials";
        createCredentials(secretName, request);
        try {
            Duration deadline = budget.deadlineFor(size.bytes(request.source()), placement.activeDeadline());
            DumpRestoreJobSpec spec = new DumpRestoreJobSpec(placement.namespace(), name, placement.image(),
                    database(request.source(), new SecretKeyRef(secretName, SOURCE_KEY)),
                    database(request.target(), new SecretKeyRef(secretName, TARGET_KEY)), placement.targetTls(),
                    request.options().owner(), deadline, placement.keepAfterFinished());
            JobRun run = runner.run(spec, (job, elapsed, limit) -> {
                listener.onCopyProgress(new CopyProgress(0, -1, -1, -1, elapsed));
                listener.onNotice("copy Job " + job + " running for " + seconds(elapsed) + " (gives up after "
                        + seconds(limit) + ")");
            }, job -> ownedBy(secretName, job));
            deleteJob(name);
            String notice = "copied inside the cluster " + run.describe() + " with image " + placement.image();
            listener.onNotice(notice);
            return new CopyResult(ID, Duration.between(start, clock.instant()), List.of(), List.of(notice));
        } finally {
            deleteCredentials(secretName);
        }
    }

    private void createCredentials(String secretName, CopyRequest request) {
        Secret secret = new SecretBuilder()
                .withNewMetadata().withName(secretName).withNamespace(placement.namespace())
                .withLabels(DumpRestoreJobManifest.LABELS).endMetadata()
                .withType("Opaque")
                .addToStringData(SOURCE_KEY, request.source().password().reveal())
                .addToStringData(TARGET_KEY, request.target().password().reveal())
                .build();
        client.resource(secret).create();
    }

    /**
     * The credentials belong to the Job from the moment it exists: if this process dies before it deletes them,
     * the cluster's garbage collector removes them with the Job (its TTL or deadline ends it), so passwords never
     * outlive the copy in a Secret nobody knows about.
     */
    private void ownedBy(String secretName, Job job) {
        try {
            client.secrets().inNamespace(placement.namespace()).withName(secretName).edit(s -> new SecretBuilder(s)
                    .editMetadata().addNewOwnerReference().withApiVersion("batch/v1").withKind("Job")
                    .withName(job.getMetadata().getName()).withUid(job.getMetadata().getUid())
                    .withBlockOwnerDeletion(false).withController(false).endOwnerReference().endMetadata().build());
        } catch (KubernetesClientException e) {
            LOG.warn("could not make Job {} the owner of Secret {}; it is still deleted when the copy ends: {}",
                    job.getMetadata().getName(), secretName, e.getMessage());
        }
    }

    /** A copy that succeeded stays a success when its finished Job cannot be removed; the TTL removes it later. */
    private void deleteJob(String name) {
        try {
            runner.delete(placement.namespace(), name);
        } catch (KubernetesClientException e) {
            LOG.warn("could not delete the finished copy Job {}/{}; its ttlSecondsAfterFinished removes it: {}",
                    placement.namespace(), name, e.getMessage());
        }
    }

    private void deleteCredentials(String secretName) {
        try {
            client.secrets().inNamespace(placement.namespace()).withName(secretName).delete();
        } catch (KubernetesClientException e) {
            LOG.warn("could not delete Secret {}/{} holding copy credentials; delete it by hand: {}",
                    placement.namespace(), secretName, e.getMessage());
        }
    }

    private static JobDatabase database(DatabaseEndpoint endpoint, SecretKeyRef password) {
        return new JobDatabase(endpoint.host(), endpoint.port(), endpoint.database(), endpoint.user(), password);
    }

    private static String seconds(Duration d) {
        return d.toSeconds() + " s";
    }

    private byte[] randomBytes() {
        byte[] b = new byte[4];
        random.nextBytes(b);
        return b;
    }
}
