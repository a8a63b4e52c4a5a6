package dev.rehome.kubectl.cutover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rehome.core.cutover.BackupStatus;
import dev.rehome.core.cutover.NetworkVerdict;
import dev.rehome.core.cutover.SourceVolume;
import dev.rehome.core.cutover.WorkloadRef;
import dev.rehome.core.MigrationException;
import dev.rehome.core.Secret;
import dev.rehome.kubectl.retry.Sleeper;
import dev.rehome.testkit.cluster.ClusterSeeds;
import dev.rehome.testkit.kube.FakeCnpgOperator;
import dev.rehome.testkit.kube.FakeKubelet;
import dev.rehome.testkit.kube.InProcessCluster;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The cutover's cluster ports against the in-process API server seeded like the real cluster. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class KubernetesPortsIT {
    /** Real time, since the world waits on real processes; the seeds are dated for it, the CLI runs on it. */
    private static final Clock CLOCK = Clock.systemUTC();

    private static final WorkloadRef APP = new WorkloadRef("basketball-api", "basketball-api");
    private static final WorkloadRef POSTGRES = new WorkloadRef("basketball-api", "postgres");
    private InProcessCluster cluster;
    private FakeKubelet kubelet;
    private FakeCnpgOperator operator;
    private KubernetesPorts ports;

    @BeforeEach
    void start() {
        cluster = InProcessCluster.start();
        ClusterSeeds.files().forEach(f -> cluster.apply(ClusterSeeds.open(f, CLOCK)));
        kubelet = cluster.startKubelet(CLOCK);
        operator = cluster.startCnpgOperator(CLOCK);
        ports = KubernetesPorts.over(cluster.client(), CLOCK, Sleeper.system());
    }

    @AfterEach
    void stop() {
        operator.close();
        kubelet.close();
        cluster.close();
    }

    @Test
    void provesThePostgresDataVolumeNotPhotoUploadsAndRetainsItsPv() {
        SourceVolume v = ports.volumes().provePgdataVolume(POSTGRES, "postgres");
        assertThat(v.pvc()).isEqualTo("postgres-data");
        ports.volumes().retain(v.pv());
        assertThat(cluster.client().persistentVolumes().withName(v.pv()).get().getSpec().getPersistentVolumeReclaimPolicy())
                .isEqualTo("Retain");
        assertThatThrownBy(() -> ports.volumes().deletePvc("basketball-api", "postgres-data", "some-other-uid",
                v.resourceVersion())).isInstanceOf(MigrationException.class);
        assertThat(cluster.client().persistentVolumeClaims().inNamespace("basketball-api").withName("photo-uploads").get())
                .isNotNull();
    }

    @Test
    void capturesPointsAndRestoresTheAppsEnvAndSeesArgo() {
        assertThat(ports.workloads().managedByArgo(APP)).isTrue();
        String before = ports.workloads().captureEnv(APP, "basketball-api", "BASKETBALL_DATABASE_URL");
        assertThat(before).isEqualTo("secret|basketball-api-secrets|database-url");

        ports.workloads().pointEnvAtSecret(APP, "basketball-api", "BASKETBALL_DATABASE_URL", "basketball-db-pal-e-postgres", "url");
        assertThat(ports.workloads().captureEnv(APP, "basketball-api", "BASKETBALL_DATABASE_URL"))
                .isEqualTo("secret|basketball-db-pal-e-postgres|url");

        ports.workloads().restoreEnv(APP, "basketball-api", "BASKETBALL_DATABASE_URL", before);
        assertThat(ports.workloads().captureEnv(APP, "basketball-api", "BASKETBALL_DATABASE_URL")).isEqualTo(before);
    }

    @Test
    void scalesTheAppToZeroAndBack() {
        // the seeded pod is static (no ReplicaSet behind it in the mock); the fake kubelet owns the pods it creates
        cluster.client().pods().inNamespace("basketball-api").withName("basketball-api-5d7c8b9f6-q8w2e").delete();
        ports.workloads().scale(APP, 0, Duration.ofSeconds(30));
        assertThat(ports.workloads().replicas(APP)).isZero();
        ports.workloads().scale(APP, 1, Duration.ofSeconds(30));
        assertThat(ports.workloads().replicas(APP)).isEqualTo(1);
    }

    @Test
    void writesSecretsWithoutArgoTracking() {
        ports.secrets().put("basketball-api", "basketball-db-pal-e-postgres", Map.of("url", Secret.of("postgresql://x")));
        assertThat(ports.secrets().read("basketball-api", "basketball-db-pal-e-postgres").orElseThrow().get("url").reveal())
                .isEqualTo("postgresql://x");
        var labels = cluster.client().secrets().inNamespace("basketball-api").withName("basketball-db-pal-e-postgres").get()
                .getMetadata().getLabels();
        assertThat(labels).containsEntry("app.kubernetes.io/managed-by", "rehome").doesNotContainKey("app.kubernetes.io/instance");
        ports.secrets().delete("basketball-api", "basketball-db-pal-e-postgres");
        assertThat(ports.secrets().read("basketball-api", "basketball-db-pal-e-postgres")).isEmpty();
    }

    @Test
    void theRealNetworkPolicyDoesNotAdmitTheAppAndSaysWhatToAdd() {
        NetworkVerdict v = ports.network().verdict(APP, "postgres", "pal-e-postgres");
        assertThat(v.admitted()).isFalse();
        assertThat(v.policyYaml()).contains("NetworkPolicy").contains("basketball-api");
        assertThat(v.terraformLine()).contains("basketball-api");
    }

    @Test
    void anOnDemandBackupCompletesAndTheScheduleIsFound() {
        ports.backups().start("postgres", "pal-e-postgres", "rehome-basketball-test");
        BackupStatus status = ports.backups().await("postgres", "rehome-basketball-test", Duration.ofSeconds(30));
        assertThat(status.completed()).isTrue();
        assertThat(status.backupId()).isPresent();
        assertThat(ports.backups().schedule("postgres", "pal-e-postgres")).hasValueSatisfying(s ->
                assertThat(s.cron()).isEqualTo("0 0 2 * * *"));
    }

    @Test
    void retireRemovesThePostgresDeploymentAndServiceOnly() {
        ports.workloads().deleteWorkloadAndService(POSTGRES, "postgres");
        assertThat(cluster.client().apps().deployments().inNamespace("basketball-api").withName("postgres").get()).isNull();
        assertThat(cluster.client().services().inNamespace("basketball-api").withName("postgres").get()).isNull();
        assertThat(cluster.client().apps().deployments().inNamespace("basketball-api").withName("basketball-api").get()).isNotNull();
        assertThat(cluster.client().persistentVolumeClaims().inNamespace("basketball-api").withName("postgres-data").get()).isNotNull();
    }
}
