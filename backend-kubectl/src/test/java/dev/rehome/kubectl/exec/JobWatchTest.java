package dev.rehome.kubectl.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rehome.core.OperationFailedException;
import dev.rehome.kubectl.FakeClock;
import dev.rehome.kubectl.MockCluster;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A Job whose pod never runs fails the copy soon, saying why, and is deleted; a running one reports progress and is
 * bounded by its deadline. The clock is fake and every pause advances it: nothing sleeps.
 */
class JobWatchTest {
    private static final String NS = "postgres";
    private MockCluster cluster;
    private KubernetesClient client;
    private FakeClock clock;

    @BeforeEach
    void start() {
        cluster = MockCluster.empty();
        client = cluster.client();
        clock = new FakeClock(Instant.parse("2026-12-03T08:00:00Z"));
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    @Test
    void aPodStuckPullingItsImageFailsAfterTheStartTimeoutWithTheReasonAndTheJobIsDeleted() {
        InClusterJobRunner runner = runner(polls -> {
            if (polls == 1) {
                pendingPod("copy-1", "x", p -> p.withNewStatus().withPhase("Pending")
                        .addNewContainerStatus().withName("copy").withNewState().withNewWaiting()
                        .withReason("ImagePullBackOff").withMessage("Back-off pulling image \"ghcr.io/x:17\"")
                        .endWaiting().endState().endContainerStatus().endStatus());
                event("copy-1-x", "Pod", "Failed", "Failed to pull image \"ghcr.io/x:17\": not found");
            }
        });
        Instant before = clock.instant();
        assertThatThrownBy(() -> runner.run(spec("copy-1", Duration.ofHours(24))))
                .isInstanceOf(OperationFailedException.class)
                .hasMessageContaining("Job postgres/copy-1 did not start within PT1M")
                .hasMessageContaining("pod copy-1-x is Pending")
                .hasMessageContaining("copy waiting: ImagePullBackOff: Back-off pulling image \"ghcr.io/x:17\"")
                .hasMessageContaining("event Pod/copy-1-x Failed: Failed to pull image")
                .hasMessageContaining("The Job was deleted; nothing was copied");
        assertThat(Duration.between(before, clock.instant())).isLessThan(Duration.ofMinutes(2));
        assertThat(client.batch().v1().jobs().inNamespace(NS).withName("copy-1").get()).isNull();
    }

    @Test
    void anUnschedulablePodSaysWhyTheSchedulerRefused() {
        InClusterJobRunner runner = runner(polls -> {
            if (polls == 1) {
                pendingPod("copy-2", "y", p -> p.withNewStatus().withPhase("Pending").addNewCondition()
                        .withType("PodScheduled").withStatus("False").withReason("Unschedulable")
                        .withMessage("0/3 nodes are available: 3 Insufficient memory.").endCondition().endStatus());
            }
        });
        assertThatThrownBy(() -> runner.run(spec("copy-2", Duration.ofHours(24))))
                .hasMessageContaining("not scheduled: Unschedulable: 0/3 nodes are available: 3 Insufficient memory.");
    }

    @Test
    void aQuotaThatForbidsThePodIsReportedFromTheJobsEvents() {
        InClusterJobRunner runner = runner(polls -> {
            if (polls == 1) {
                event("copy-3", "Job", "FailedCreate", "Error creating: pods \"copy-3-z\" is forbidden: exceeded quota: compute");
            }
        });
        assertThatThrownBy(() -> runner.run(spec("copy-3", Duration.ofHours(24))))
                .hasMessageContaining("no pod was created")
                .hasMessageContaining("event Job/copy-3 FailedCreate: Error creating: pods \"copy-3-z\" is forbidden: exceeded quota");
    }

    @Test
    void aRunningJobReportsProgressAndIsDeletedAtItsDeadline() {
        InClusterJobRunner runner = runner(polls -> {
            if (polls == 1) {
                pendingPod("copy-4", "w", p -> p.withNewStatus().withPhase("Running").endStatus());
            }
        });
        List<Duration> reported = new ArrayList<>();
        assertThatThrownBy(() -> runner.run(spec("copy-4", Duration.ofMinutes(10)),
                (job, elapsed, deadline) -> reported.add(elapsed)))
                .isInstanceOf(OperationFailedException.class)
                .hasMessageContaining("Job postgres/copy-4 did not finish within PT10M; it was deleted");
        assertThat(reported).hasSizeGreaterThanOrEqualTo(19).allMatch(d -> d.compareTo(Duration.ofMinutes(11)) < 0);
        assertThat(client.batch().v1().jobs().inNamespace(NS).withName("copy-4").get()).isNull();
    }

    @Test
    void theCopyDeadlineFollowsTheDatabaseSize() {
        CopyBudget budget = CopyBudget.assumed();
        assertThat(budget.deadlineFor(OptionalLong.empty(), Duration.ofHours(24))).isEqualTo(Duration.ofHours(24));
        assertThat(budget.deadlineFor(OptionalLong.of(1024L * 1024), Duration.ofHours(24))).isEqualTo(Duration.ofMinutes(10));
        // 100 GiB at 10 MiB/s is 10240 s; three times that
        assertThat(budget.deadlineFor(OptionalLong.of(100L << 30), Duration.ofHours(24))).isEqualTo(Duration.ofSeconds(30720));
        CopyBudget measured = budget.measured(600L << 20, Duration.ofSeconds(10));
        assertThat(measured.bytesPerSecond()).isEqualTo(60L << 20);
        assertThat(measured.deadlineFor(OptionalLong.of(100L << 30), Duration.ofHours(24))).isEqualTo(Duration.ofSeconds(5120));
    }

    /** A runner whose pauses advance the clock 5 s and let the test act as the cluster on poll {@code n}. */
    private InClusterJobRunner runner(java.util.function.IntConsumer onPoll) {
        int[] polls = {0};
        return new InClusterJobRunner(client, clock, d -> {
            clock.advance(d);
            onPoll.accept(++polls[0]);
        }, new JobWatch(Duration.ofMinutes(1), Duration.ofSeconds(5), Duration.ofSeconds(30)));
    }

    private void pendingPod(String job, String suffix, Consumer<PodBuilder> status) {
        Job owner = client.batch().v1().jobs().inNamespace(NS).withName(job).get();
        PodBuilder pod = new PodBuilder().withNewMetadata().withName(job + "-" + suffix).withNamespace(NS)
                .addToLabels("job-name", job).endMetadata()
                .withSpec(owner.getSpec().getTemplate().getSpec());
        status.accept(pod);
        client.resource(pod.build()).create();
    }

    private void event(String object, String kind, String reason, String message) {
        client.resource(new EventBuilder().withNewMetadata().withName(object + ".1").withNamespace(NS).endMetadata()
                .withNewInvolvedObject().withKind(kind).withName(object).withNamespace(NS).endInvolvedObject()
                .withType("Warning").withReason(reason).withMessage(message).build()).create();
    }

    private static DumpRestoreJobSpec spec(String name, Duration deadline) {
        return new DumpRestoreJobSpec(NS, name, "ghcr.io/x:17",
                new JobDatabase("db.app.svc", 5432, "app", "app", new SecretKeyRef("s", "source-password")),
                new JobDatabase("pg-rw.postgres.svc", 5432, "app", "app", new SecretKeyRef("s", "target-password")),
                PlainTarget.TLS, Optional.empty(), deadline, Duration.ofHours(1));
    }
}
