package dev.rehome.kubectl.exec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rehome.core.CopyOptions;
import dev.rehome.core.CopyProgress;
import dev.rehome.core.CopyRequest;
import dev.rehome.core.DatabaseEndpoint;
import dev.rehome.core.MigrationListener;
import dev.rehome.core.Secret;
import dev.rehome.kubectl.FakeClock;
import dev.rehome.kubectl.MockCluster;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The copy's Job gets a deadline from the source's size, and the listener hears how it goes; the clock is fake. */
class InClusterCopyProgressTest {

    @Test
    void theJobDeadlineFollowsTheSourceSizeAndProgressReachesTheListener() {
        try (MockCluster cluster = MockCluster.empty()) {
            KubernetesClient client = cluster.client();
            FakeClock clock = new FakeClock(Instant.parse("2026-12-03T08:00:00Z"));
            AtomicLong deadline = new AtomicLong();
            int[] polls = {0};
            InClusterJobRunner runner = new InClusterJobRunner(client, clock, d -> {
                clock.advance(d);
                Job job = client.batch().v1().jobs().inNamespace("postgres").list().getItems().get(0);
                deadline.set(job.getSpec().getActiveDeadlineSeconds());
                String name = job.getMetadata().getName();
                if (++polls[0] == 1) {
                    client.resource(new PodBuilder().withNewMetadata().withName(name + "-a").withNamespace("postgres")
                            .addToLabels("job-name", name).endMetadata()
                            .withSpec(job.getSpec().getTemplate().getSpec())
                            .withNewStatus().withPhase("Running").endStatus().build()).create();
                } else if (polls[0] == 40) {
                    job.setStatus(new JobStatusBuilder().withSucceeded(1).build());
                    client.resource(job).updateStatus();
                }
            }, new JobWatch(Duration.ofMinutes(2), Duration.ofSeconds(5), Duration.ofSeconds(60)));
            List<String> notices = new CopyOnWriteArrayList<>();
            List<CopyProgress> samples = new CopyOnWriteArrayList<>();
            // 60 GiB at 10 MiB/s is 6144 s; three times that
            new InClusterCopy(client, clock, JobPlacement.of("postgres", "ghcr.io/x:17", PlainTarget.TLS), runner, CopyBudget.assumed(),
                    source -> OptionalLong.of(60L << 30))
                    .copy(new CopyRequest(DatabaseEndpoint.of("db.app.svc", 5432, "app", "app", Secret.of("a")),
                            DatabaseEndpoint.of("pg-rw.postgres.svc", 5432, "app", "app", Secret.of("b")),
                            CopyOptions.ofDefaults()), new MigrationListener() {
                        @Override
                        public void onNotice(String message) {
                            notices.add(message);
                        }

                        @Override
                        public void onCopyProgress(CopyProgress progress) {
                            samples.add(progress);
                        }
                    });

            assertThat(deadline.get()).isEqualTo(18_432);
            assertThat(notices).filteredOn(n -> n.contains(" running for ")).hasSize(3)
                    .first().asString().matches("copy Job postgres/rehome-copy-[0-9a-f]{8} running for 60 s \\(gives up after 18432 s\\)");
            assertThat(samples).extracting(CopyProgress::elapsed)
                    .containsExactly(Duration.ofSeconds(60), Duration.ofSeconds(120), Duration.ofSeconds(180));
            assertThat(notices).last().asString().startsWith("copied inside the cluster in Job 'postgres/rehome-copy-");
            assertThat(client.batch().v1().jobs().inNamespace("postgres").list().getItems()).isEmpty();
            assertThat(client.secrets().inNamespace("postgres").list().getItems()).isEmpty();
        }
    }
}
