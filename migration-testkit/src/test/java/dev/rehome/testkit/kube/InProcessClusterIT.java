package dev.rehome.testkit.kube;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rehome.testkit.PostgresServer;
import dev.rehome.testkit.PostgresServers;
import dev.rehome.testkit.cluster.ClusterSeeds;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.client.LocalPortForward;
import io.fabric8.kubernetes.client.dsl.ExecWatch;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.sql.DriverManager;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 120, unit = TimeUnit.SECONDS)
class InProcessClusterIT {
    /** The controllers stamp times from it; the seeds are dated for it (as written). */
    private static final Clock CLOCK = Clock.fixed(ClusterSeeds.SEEDED_AT, ZoneOffset.UTC);

    @Test
    void execRunsTheCommandLocallyWithThePodsEnvironmentAndReportsExitCodes() throws Exception {
        try (InProcessCluster cluster = InProcessCluster.start()) {
            cluster.bindPod("ns", "db-0", PodEnvironment.empty().withEnv("GREETING", "hello from the pod"));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            try (ExecWatch watch = cluster.client().pods().inNamespace("ns").withName("db-0").inContainer("postgres")
                    .writingOutput(out).writingError(err)
                    .exec("sh", "-c", "echo \"$GREETING\"; echo oops >&2; exit 3")) {
                assertThat(watch.exitCode().get(30, TimeUnit.SECONDS)).isEqualTo(3);
            }
            assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("hello from the pod\n");
            assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("oops\n");

            try (ExecWatch ok = cluster.client().pods().inNamespace("ns").withName("db-0")
                    .writingOutput(new ByteArrayOutputStream()).exec("true")) {
                assertThat(ok.exitCode().get(30, TimeUnit.SECONDS)).isZero();
            }
        }
    }

    @Test
    void execOnAPodThatIsNeitherBoundNorStoredIsNotFound() {
        try (InProcessCluster cluster = InProcessCluster.start()) {
            var exec = cluster.client().pods().inNamespace("ns").withName("ghost")
                    .writingOutput(new ByteArrayOutputStream());
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> exec.exec("true").exitCode().get(30, TimeUnit.SECONDS))
                    .hasStackTraceContaining("Not Found");
        }
    }

    @Test
    void portForwardReachesTheServerThatPlaysThePod() throws Exception {
        try (InProcessCluster cluster = InProcessCluster.start(); PostgresServer pg = PostgresServers.start(15)) {
            cluster.bindPod("postgres", "pal-e-postgres-1", PodEnvironment.postgres(pg));
            try (LocalPortForward forward = cluster.client().pods().inNamespace("postgres").withName("pal-e-postgres-1")
                    .portForward(5432, InetAddress.getLoopbackAddress(), 0)) {
                Properties p = new Properties();
                p.setProperty("user", "postgres");
                String url = "jdbc:postgresql://127.0.0.1:" + forward.getLocalPort() + "/postgres";
                try (var c = DriverManager.getConnection(url, p); var rs = c.createStatement().executeQuery("SELECT 41 + 1")) {
                    rs.next();
                    assertThat(rs.getInt(1)).isEqualTo(42);
                }
            }
        }
    }

    @Test
    void appliedCustomResourcesKeepTheirSeededStatusAndBackupsComplete() throws Exception {
        String yaml = """
                apiVersion: postgresql.cnpg.io/v1
                kind: Cluster
                metadata: {name: pal-e-postgres, namespace: postgres}
                spec: {instances: 2}
                status: {phase: Cluster in healthy state, currentPrimary: pal-e-postgres-2, readyInstances: 2}
                ---
                apiVersion: v1
                kind: PersistentVolumeClaim
                metadata: {name: photo-uploads, namespace: basketball-api}
                spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}
                """;
        try (InProcessCluster cluster = InProcessCluster.start()) {
            cluster.startCnpgOperator(CLOCK);
            assertThat(cluster.apply(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)))).hasSize(2);
            var clusters = CnpgResources.of(cluster.client(), CnpgResources.CLUSTER).inNamespace("postgres");
            assertThat(clusters.withName("pal-e-postgres").get().<String>get("status", "currentPrimary"))
                    .isEqualTo("pal-e-postgres-2");
            assertThat(cluster.client().persistentVolumeClaims().inNamespace("basketball-api").withName("photo-uploads").get())
                    .isNotNull();

            GenericKubernetesResource backup = cluster.client().genericKubernetesResources("postgresql.cnpg.io/v1", "Backup")
                    .load(new ByteArrayInputStream("""
                            apiVersion: postgresql.cnpg.io/v1
                            kind: Backup
                            metadata: {name: before-move, namespace: postgres}
                            spec: {cluster: {name: pal-e-postgres}, method: barmanObjectStore}
                            """.getBytes(StandardCharsets.UTF_8))).item();
            cluster.client().resource(backup).create();
            GenericKubernetesResource done = Poll.until(() -> CnpgResources.of(cluster.client(), CnpgResources.BACKUP)
                    .inNamespace("postgres").withName("before-move").get(),
                    b -> b != null && "completed".equals(b.get("status", "phase")), Duration.ofSeconds(30), "backup completed");
            assertThat(done.<String>get("status", "backupId")).matches("\\d{8}T\\d{6}");
            assertThat(done.<String>get("status", "stoppedAt")).isNotBlank();
        }
    }

    @Test
    void newClusterWithoutStatusGetsAHealthyPrimaryFromTheOperator() throws Exception {
        try (InProcessCluster cluster = InProcessCluster.start()) {
            cluster.startCnpgOperator(CLOCK);
            cluster.apply(new ByteArrayInputStream("""
                    apiVersion: postgresql.cnpg.io/v1
                    kind: Cluster
                    metadata: {name: shared, namespace: postgres}
                    spec: {instances: 3}
                    """.getBytes(StandardCharsets.UTF_8)));
            GenericKubernetesResource c = Poll.until(() -> CnpgResources.of(cluster.client(), CnpgResources.CLUSTER)
                    .inNamespace("postgres").withName("shared").get(),
                    r -> r != null && r.get("status", "currentPrimary") != null, Duration.ofSeconds(30), "a primary");
            assertThat(c.<String>get("status", "currentPrimary")).isEqualTo("shared-1");
            assertThat(c.<Object>get("status", "readyInstances")).isEqualTo(3);
            var primary = Poll.until(() -> cluster.client().pods().inNamespace("postgres")
                    .withLabel("cnpg.io/cluster", "shared").withLabel("cnpg.io/instanceRole", "primary").list().getItems(),
                    pods -> pods.size() == 1, Duration.ofSeconds(30), "one primary pod");
            assertThat(primary.get(0).getMetadata().getName()).isEqualTo("shared-1");
        }
    }

    @Test
    void kubeletScalesDeploymentPodsAndRunsJobsWithSecretEnvironment() throws Exception {
        try (InProcessCluster cluster = InProcessCluster.start()) {
            cluster.startKubelet(CLOCK);
            var client = cluster.client();
            Deployment app = client.resource(new DeploymentBuilder()
                    .withNewMetadata().withName("api").withNamespace("app").endMetadata()
                    .withNewSpec().withReplicas(2)
                    .withNewSelector().addToMatchLabels("app", "api").endSelector()
                    .withNewTemplate().withNewMetadata().addToLabels("app", "api").endMetadata()
                    .withNewSpec().addNewContainer().withName("api").withImage("api:1").endContainer().endSpec()
                    .endTemplate().endSpec().build()).create();
            client.apps().deployments().inNamespace("app").withName("api").waitUntilReady(30, TimeUnit.SECONDS);
            assertThat(client.pods().inNamespace("app").withLabel("app", "api").list().getItems()).hasSize(2);

            client.apps().deployments().inNamespace("app").withName("api").scale(0);
            awaitNoPods(client, "app", "api");

            client.resource(new SecretBuilder().withNewMetadata().withName("creds").withNamespace("app").endMetadata()
                    .addToStringData("password", "pa55").build()).create();
            Job job = client.resource(new JobBuilder()
                    .withNewMetadata().withName("copy").withNamespace("app").endMetadata()
                    .withNewSpec().withBackoffLimit(0).withNewTemplate().withNewSpec().withRestartPolicy("Never")
                    .addNewContainer().withName("c").withImage("postgres:16")
                    .withCommand("sh", "-c", "echo \"secret has ${#PW} chars\"; exit 4")
                    .addNewEnv().withName("PW").withNewValueFrom().withNewSecretKeyRef("password", "creds", false)
                    .endValueFrom().endEnv()
                    .endContainer().endSpec().endTemplate().endSpec().build()).create();
            Job failed = Poll.until(() -> client.batch().v1().jobs().inNamespace("app").withName("copy").get(),
                    j -> j.getStatus() != null && j.getStatus().getFailed() != null, Duration.ofSeconds(30), "the Job failed");
            assertThat(failed.getStatus().getConditions()).anyMatch(c -> c.getType().equals("Failed"));
            var pod = client.pods().inNamespace("app").withLabel("job-name", "copy").list().getItems().get(0);
            assertThat(client.pods().inNamespace("app").withName(pod.getMetadata().getName()).tailingLines(5).getLog())
                    .isEqualTo("secret has 4 chars\n");
            assertThat(app).isNotNull();
            assertThat(job).isNotNull();
        }
    }

    @Test
    void takesTheRealClusterSeedsEitherThroughApplyOrThroughTheirOwnLoader() {
        try (InProcessCluster cluster = InProcessCluster.start()) {
            for (String file : ClusterSeeds.files()) {
                cluster.apply(ClusterSeeds.open(file, CLOCK));
            }
            assertSeeded(cluster);
        }
        try (InProcessCluster bare = InProcessCluster.startBare()) {
            ClusterSeeds.applyTo(bare.client(), CLOCK);
            assertSeeded(bare);
        }
    }

    private static void assertSeeded(InProcessCluster cluster) {
        var pg = CnpgResources.of(cluster.client(), CnpgResources.CLUSTER).inNamespace("postgres").withName("pal-e-postgres").get();
        assertThat(pg.<String>get("status", "currentPrimary")).startsWith("pal-e-postgres-");
        assertThat(cluster.client().persistentVolumeClaims().inNamespace("basketball-api").withName("photo-uploads").get())
                .isNotNull();
    }

    @Test
    void statefulSetPodsGetOrdinalNamesAndTheBoundEnvironment() throws Exception {
        try (InProcessCluster cluster = InProcessCluster.start()) {
            cluster.startKubelet(CLOCK).bindPodsOf("db", "postgres", PodEnvironment.empty().withEnv("ROLE", "standalone"));
            var client = cluster.client();
            client.resource(new io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder()
                    .withNewMetadata().withName("postgres").withNamespace("db").endMetadata()
                    .withNewSpec().withReplicas(1).withServiceName("postgres")
                    .withNewSelector().addToMatchLabels("app", "postgres").endSelector()
                    .withNewTemplate().withNewMetadata().addToLabels("app", "postgres").endMetadata()
                    .withNewSpec().addNewContainer().withName("postgres").withImage("postgres:16-alpine").endContainer().endSpec()
                    .endTemplate().endSpec().build()).create();
            client.apps().statefulSets().inNamespace("db").withName("postgres").waitUntilReady(30, TimeUnit.SECONDS);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (ExecWatch watch = client.pods().inNamespace("db").withName("postgres-0").inContainer("postgres")
                    .writingOutput(out).exec("sh", "-c", "echo $ROLE")) {
                assertThat(watch.exitCode().get(30, TimeUnit.SECONDS)).isZero();
            }
            assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("standalone\n");
            client.apps().statefulSets().inNamespace("db").withName("postgres").scale(0);
            awaitNoPods(client, "db", "postgres");
        }
    }

    /**
     * Lists until no pod labelled {@code app=<app>} is left. Not an informer: the mock API does not replay events
     * from an earlier resourceVersion, so a delete landing between an informer's list and its watch was never seen
     * and the wait ran into its timeout on a loaded machine.
     */
    private static void awaitNoPods(io.fabric8.kubernetes.client.KubernetesClient client, String ns, String app)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!client.pods().inNamespace(ns).withLabel("app", app).list().getItems().isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("pods of " + ns + "/" + app + " still there 30 s after scaling to 0");
            }
            Thread.sleep(100);
        }
    }
}
