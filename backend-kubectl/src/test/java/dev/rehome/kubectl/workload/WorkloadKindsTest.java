package dev.rehome.kubectl.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rehome.core.RefusedException;
import dev.rehome.core.cutover.WorkloadRef.Kind;
import dev.rehome.kubectl.FakeClock;
import dev.rehome.kubectl.MockCluster;
import dev.rehome.kubectl.NamespacedName;
import dev.rehome.kubectl.retry.KubeRetry;
import dev.rehome.kubectl.retry.Poller;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The controller on a StatefulSet and a CronJob (whose scale is {@code spec.suspend}) over the mock API server. */
@Timeout(60)
class WorkloadKindsTest {
    private static final NamespacedName WORKER = NamespacedName.parse("shop/worker");
    private static final NamespacedName REPORT = NamespacedName.parse("shop/report");
    private static final EnvVar URL = new EnvVarBuilder().withName("DATABASE_URL").withValue("postgresql://db/shop").build();
    private MockCluster cluster;
    private FakeClock clock;
    private Runnable kubelet = () -> { };
    private WorkloadController controller;

    @BeforeEach
    void seed() {
        cluster = MockCluster.empty();
        clock = new FakeClock(Instant.parse("2026-12-04T06:00:00Z"));
        Poller poller = new Poller(clock, d -> {
            kubelet.run();
            clock.advance(d);
        }, Duration.ofSeconds(2));
        controller = new WorkloadController(cluster.client(), new ArgoCdDetector(cluster.client(), "argocd"),
                EditPolicy.REFUSE_GITOPS_MANAGED, poller, KubeRetry.none());
        cluster.client().resource(new StatefulSetBuilder().withNewMetadata().withName("worker").withNamespace("shop")
                .endMetadata().withNewSpec().withReplicas(3).withNewSelector().addToMatchLabels("app", "worker").endSelector()
                .withNewTemplate().withNewMetadata().addToLabels("app", "worker").endMetadata().withNewSpec()
                .addNewContainer().withName("worker").withImage("worker").withEnv(URL).endContainer()
                .endSpec().endTemplate().endSpec().build()).create();
        cluster.client().resource(new CronJobBuilder().withNewMetadata().withName("report").withNamespace("shop")
                .endMetadata().withNewSpec().withSchedule("0 4 * * *").withNewJobTemplate().withNewSpec().withNewTemplate()
                .withNewSpec().withRestartPolicy("Never").addNewContainer().withName("report").withImage("report")
                .withEnv(URL).endContainer().endSpec().endTemplate().endSpec().endJobTemplate().endSpec().build()).create();
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    @Test
    void aStatefulSetIsScaledToZeroAndBackAndItsEnvPatchedAndRestored() {
        assertThat(controller.replicas(Kind.STATEFUL_SET, WORKER)).isEqualTo(3);
        assertThat(controller.scaleToZero(Kind.STATEFUL_SET, WORKER, Duration.ofMinutes(1))).isEqualTo(3);
        assertThat(worker().getSpec().getReplicas()).isZero();

        Optional<EnvVar> before = controller.setEnv(Kind.STATEFUL_SET, WORKER, "worker", "DATABASE_URL",
                new EnvValue.FromSecret("worker-db", "uri"));
        assertThat(before).contains(URL);
        assertThat(worker().getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().get(0).getValueFrom()
                .getSecretKeyRef().getKey()).isEqualTo("uri");
        controller.restoreEnv(Kind.STATEFUL_SET, WORKER, "worker", "DATABASE_URL", before);
        assertThat(worker().getSpec().getTemplate().getSpec().getContainers().get(0).getEnv()).containsExactly(URL);

        // The StatefulSet controller's part: report the pods ready once asked for them.
        kubelet = () -> cluster.client().apps().statefulSets().inNamespace("shop").withName("worker").editStatus(s -> {
            s.setStatus(new io.fabric8.kubernetes.api.model.apps.StatefulSetStatusBuilder().withReplicas(3)
                    .withReadyReplicas(3).withUpdatedReplicas(3).build());
            return s;
        });
        controller.scaleAndAwaitReady(Kind.STATEFUL_SET, WORKER, 3, Duration.ofMinutes(1));
        assertThat(worker().getSpec().getReplicas()).isEqualTo(3);
    }

    @Test
    void aCronJobIsSuspendedAndResumedAndItsJobTemplateEnvPatched() {
        assertThat(controller.replicas(Kind.CRON_JOB, REPORT)).isEqualTo(1);
        assertThat(controller.scaleToZero(Kind.CRON_JOB, REPORT, Duration.ofMinutes(1))).isEqualTo(1);
        assertThat(report().getSpec().getSuspend()).isTrue();
        assertThat(controller.replicas(Kind.CRON_JOB, REPORT)).isZero();

        controller.setEnv(Kind.CRON_JOB, REPORT, "report", "DATABASE_URL", new EnvValue.FromSecret("report-db", "uri"));
        assertThat(report().getSpec().getJobTemplate().getSpec().getTemplate().getSpec().getContainers().get(0).getEnv()
                .get(0).getValueFrom().getSecretKeyRef().getName()).isEqualTo("report-db");
        controller.restoreEnv(Kind.CRON_JOB, REPORT, "report", "DATABASE_URL", Optional.of(URL));

        controller.scaleAndAwaitReady(Kind.CRON_JOB, REPORT, 1, Duration.ofMinutes(1));
        assertThat(report().getSpec().getSuspend()).isFalse();
        assertThat(report().getSpec().getJobTemplate().getSpec().getTemplate().getSpec().getContainers().get(0).getEnv())
                .containsExactly(URL);
    }

    @Test
    void suspendingWaitsForARunningJobOfTheCronJob() {
        runningJob("report-29012345");
        kubelet = () -> cluster.client().batch().v1().jobs().inNamespace("shop").withName("report-29012345")
                .editStatus(j -> {
                    j.getStatus().setCompletionTime(clock.instant().toString());
                    j.getStatus().setActive(0);
                    return j;
                });

        controller.scaleToZero(Kind.CRON_JOB, REPORT, Duration.ofMinutes(1));

        assertThat(report().getSpec().getSuspend()).isTrue();
    }

    @Test
    void suspendingRefusesNamingAJobThatStillRunsAtTheDeadline() {
        runningJob("report-29012345");

        assertThatThrownBy(() -> controller.scaleToZero(Kind.CRON_JOB, REPORT, Duration.ofMinutes(1)))
                .isInstanceOf(RefusedException.class)
                .hasMessageContaining("CronJob shop/report").hasMessageContaining("[report-29012345]")
                .hasMessageContaining("delete job");
    }

    private void runningJob(String name) {
        cluster.client().resource(new JobBuilder().withNewMetadata().withName(name).withNamespace("shop")
                .addNewOwnerReference().withApiVersion("batch/v1").withKind("CronJob").withName("report").withUid("u-1")
                .endOwnerReference().endMetadata().withNewSpec().withNewTemplate().withNewSpec().withRestartPolicy("Never")
                .addNewContainer().withName("report").withImage("report").endContainer().endSpec().endTemplate().endSpec()
                .withNewStatus().withActive(1).endStatus().build()).create();
    }

    private StatefulSet worker() {
        return cluster.client().apps().statefulSets().inNamespace("shop").withName("worker").get();
    }

    private CronJob report() {
        return cluster.client().batch().v1().cronjobs().inNamespace("shop").withName("report").get();
    }

}
