package dev.rehome.cutover.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rehome.core.CopyEngine;
import dev.rehome.core.CopyOptions;
import dev.rehome.core.CopyRequest;
import dev.rehome.core.DatabaseEndpoint;
import dev.rehome.core.MigrationException;
import dev.rehome.core.MigrationListener;
import dev.rehome.core.Secret;
import dev.rehome.core.tls.TlsMode;
import dev.rehome.kubectl.KubeBackend;
import dev.rehome.kubectl.NamespacedName;
import dev.rehome.kubectl.tls.TargetTls;
import dev.rehome.testkit.cluster.ClusterSeeds;
import dev.rehome.testkit.kube.InProcessCluster;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The default live engine runs pg_dump | pg_restore in a Job next to the target: with the target's operand image,
 * the endpoints as pods see them, passwords only through a Secret, and the TLS of the run. The fake kubelet runs the Job locally, where
 * the Service names do not resolve, so the copy fails; the Job it created is what this checks.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LiveEnginesIT {
    /** Real time, since the world waits on real processes; the seeds are dated for it, the CLI runs on it. */
    private static final Clock CLOCK = Clock.systemUTC();

    @Test
    void dumpRestoreRunsAsAJobWithTheTargetsImageAndServiceNamesAndNoPasswordInTheJob() {
        try (InProcessCluster cluster = InProcessCluster.start()) {
            ClusterSeeds.files().forEach(f -> cluster.apply(ClusterSeeds.open(f, CLOCK)));
            var client = cluster.client();
            List<Job> jobs = new CopyOnWriteArrayList<>();
            var informer = client.batch().v1().jobs().inNamespace("postgres").inform(new ResourceEventHandler<Job>() {
                @Override
                public void onAdd(Job job) {
                    jobs.add(job);
                }

                @Override
                public void onUpdate(Job oldJob, Job newJob) {
                }

                @Override
                public void onDelete(Job job, boolean deletedFinalStateUnknown) {
                }
            });
            cluster.startKubelet(CLOCK);
            KubeBackend kube = KubeBackend.builder(client).clock(CLOCK).build();
            var source = kube.sources().discover(NamespacedName.parse("basketball-api/postgres"));
            var target = kube.targets().discover(NamespacedName.parse("postgres/pal-e-postgres"));
            CopyEngine engine = LiveEngines.of(client, () -> source, target, CLOCK,
                    TargetTls.forJobs(TlsMode.VERIFY_FULL, target.cluster(), target.writeService())).get(LiveEngines.DUMP_RESTORE);
            DatabaseEndpoint forwardedSource = source.endpoint("127.0.0.1", 40001);
            DatabaseEndpoint forwardedTarget = DatabaseEndpoint.of("127.0.0.1", 40002, "basketball", "basketball",
                    Secret.of("target-pw-never-in-the-job"));

            assertThatThrownBy(() -> engine.copy(new CopyRequest(forwardedSource, forwardedTarget, CopyOptions.ofDefaults()),
                    MigrationListener.NONE)).isInstanceOf(MigrationException.class);

            assertThat(jobs).hasSize(1);
            Job job = jobs.get(0);
            String yaml = Serialization.asYaml(job);
            assertThat(job.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
                    .isEqualTo("ghcr.io/cloudnative-pg/postgresql:17.5");
            assertThat(yaml).contains("postgres.basketball-api.svc.cluster.local", "secretKeyRef")
                    .doesNotContain("127.0.0.1", "target-pw-never-in-the-job", "sandbox-basketball-pw");
            // verify-full, the default: the cluster's CA mounted from its Secret, the target by its certificate's name
            var pod = job.getSpec().getTemplate().getSpec();
            assertThat(pod.getVolumes()).singleElement()
                    .satisfies(v -> assertThat(v.getSecret().getSecretName()).isEqualTo("pal-e-postgres-ca"));
            assertThat(pod.getContainers().get(0).getVolumeMounts()).singleElement()
                    .satisfies(m -> assertThat(m.getReadOnly()).isTrue());
            assertThat(pod.getContainers().get(0).getEnv()).filteredOn(e -> e.getValue() != null)
                    .extracting(e -> e.getName() + "=" + e.getValue())
                    .contains("TARGET_HOST=pal-e-postgres-rw.postgres.svc", "TARGET_SSLMODE=verify-full",
                            "TARGET_SSLROOTCERT=/etc/rehome/target-ca/ca.crt");
            assertThat(client.secrets().inNamespace("postgres").list().getItems())
                    .noneMatch(s -> s.getMetadata().getName().startsWith("rehome-copy-"));
            informer.close();
        }
    }
}
