package dev.rehome.basketball.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.rehome.basketball.cli.BasketballMain;
import dev.rehome.kubectl.Fields;
import dev.rehome.kubectl.NamespacedName;
import dev.rehome.kubectl.cnpg.CnpgKinds;
import dev.rehome.kubectl.network.NetworkReachability;
import dev.rehome.kubectl.portforward.PodPortForward;
import dev.rehome.kubectl.retry.Poller;
import dev.rehome.kubectl.retry.Sleeper;
import dev.rehome.testkit.fixtures.BasketballFixture;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.k3s.K3sContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * The real-cluster cutover end to end on K3s: the CNPG operator from its release manifest, MinIO as the object
 * store, pal-e-postgres with Barman backups into it, basketball-api's standalone postgres:16-alpine on a
 * local-path PVC loaded with the basketball fixture; then {@code migrate --kubeconfig} through the CLI with the
 * default engine (pg_dump | pg_restore in a Job). Only under {@code mvn -Pk3s verify} on a machine with Docker.
 */
@EnabledIfSystemProperty(named = "rehome.k3s", matches = "true",
        disabledReason = "K3s suite: run mvn -Pk3s verify on a machine with Docker")
@Timeout(value = 30, unit = TimeUnit.MINUTES)
class K3sMoveIT {
    private static final String K3S_IMAGE = "rancher/k3s:v1.31.4-k3s1";
    private static final String CNPG_MANIFEST =
            "https://raw.githubusercontent.com/cloudnative-pg/cloudnative-pg/release-1.26/releases/cnpg-1.26.1.yaml";
    private static final String SOURCE_PASSWORD = "rehome-k3s-source";

    @TempDir
    Path dir;
    private final Poller poller = new Poller(Clock.systemUTC(), Sleeper.system(), Duration.ofSeconds(3));

    @Test
    void migrateMovesBasketballIntoCnpgWithBackupsOnK3s() throws Exception {
        assumeTrue(DockerClientFactory.instance().isDockerAvailable(), "no Docker engine here: the K3s suite needs one");
        try (K3sContainer k3s = new K3sContainer(DockerImageName.parse(K3S_IMAGE))) {
            k3s.start();
            Path kubeconfig = dir.resolve("kubeconfig.yaml");
            Files.writeString(kubeconfig, k3s.getKubeConfigYaml());
            try (KubernetesClient client = new KubernetesClientBuilder()
                    .withConfig(Config.fromKubeconfig(k3s.getKubeConfigYaml())).build()) {
                installCnpgOperator(client);
                applyWorld(client);
                awaitClusterHealthy(client);
                awaitReady(client, "basketball-api", "postgres");
                awaitReady(client, "basketball-api", "basketball-api");
                loadFixture(client);
                client.resource(NetworkReachability.allowIngress(NamespacedName.parse("postgres/pal-e-postgres"),
                        "basketball-api")).create();

                ByteArrayOutputStream out = new ByteArrayOutputStream();
                ByteArrayOutputStream err = new ByteArrayOutputStream();
                int code = BasketballMain.run(new String[] {"migrate", "--kubeconfig", kubeconfig.toString(), "--yes",
                        "--journal-dir", dir.resolve("journal").toString()},
                        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                        Clock.systemUTC(), dir.resolve("rehome.log"));

                String report = out.toString(StandardCharsets.UTF_8);
                assertThat(code).as(err.toString(StandardCharsets.UTF_8) + report).isZero();
                assertThat(report).contains("**Result:** moved and verified", "| players | 76 | 76 | 76 | =");
                assertThat(countPlayersInTarget(client)).isEqualTo(BasketballFixture.PLAYERS);
                String pv = client.persistentVolumeClaims().inNamespace("basketball-api").withName("postgres-data").get()
                        .getSpec().getVolumeName();
                assertThat(client.persistentVolumes().withName(pv).get().getSpec().getPersistentVolumeReclaimPolicy())
                        .isEqualTo("Retain");
                assertThat(CnpgKinds.of(client, CnpgKinds.BACKUP).inNamespace("postgres").list().getItems())
                        .anySatisfy(b -> assertThat(Fields.string(b, "status", "phase")).contains("completed"));
            }
        }
    }

    private void installCnpgOperator(KubernetesClient client) throws Exception {
        try (InputStream manifest = URI.create(CNPG_MANIFEST).toURL().openStream()) {
            client.load(manifest).serverSideApply();
        }
        awaitReady(client, "cnpg-system", "cnpg-controller-manager");
    }

    /** Retried: the operator's admission webhook answers a little after its Deployment is ready. */
    private void applyWorld(KubernetesClient client) {
        poller.until("the test world to apply (CNPG webhook ready)", Duration.ofMinutes(3), () -> {
            try (InputStream world = getClass().getResourceAsStream("k3s-world.yaml")) {
                client.load(world).serverSideApply();
                return Optional.of(Boolean.TRUE);
            } catch (KubernetesClientException e) {
                return Optional.empty();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    private void awaitClusterHealthy(KubernetesClient client) {
        poller.until("CNPG Cluster postgres/pal-e-postgres to be healthy", Duration.ofMinutes(10), () -> Optional
                .ofNullable(CnpgKinds.of(client, CnpgKinds.CLUSTER).inNamespace("postgres").withName("pal-e-postgres").get())
                .flatMap(c -> Fields.string(c, "status", "phase")).filter("Cluster in healthy state"::equals));
    }

    private void awaitReady(KubernetesClient client, String namespace, String deployment) {
        poller.until("Deployment " + namespace + "/" + deployment + " to be ready", Duration.ofMinutes(5), () -> Optional
                .ofNullable(client.apps().deployments().inNamespace(namespace).withName(deployment).get())
                .map(d -> d.getStatus() == null ? null : d.getStatus().getReadyReplicas())
                .filter(ready -> ready >= 1));
    }

    private static void loadFixture(KubernetesClient client) throws Exception {
        String pod = client.pods().inNamespace("basketball-api").withLabel("app", "postgres").list().getItems().get(0)
                .getMetadata().getName();
        try (PodPortForward forward = PodPortForward.open(client, "basketball-api", pod, 5432);
             Connection c = connect(forward, "basketball", SOURCE_PASSWORD); var s = c.createStatement()) {
            s.execute(BasketballFixture.sql());
        }
    }

    private static long countPlayersInTarget(KubernetesClient client) throws Exception {
        var secret = client.secrets().inNamespace("postgres").withName("basketball-credentials").get();
        String password = Optional.ofNullable(secret.getStringData()).map(d -> d.get("password")).orElseGet(() ->
                new String(Base64.getDecoder().decode(secret.getData().get("password")), StandardCharsets.UTF_8));
        try (PodPortForward forward = PodPortForward.open(client, "postgres", "pal-e-postgres-1", 5432);
             Connection c = connect(forward, "basketball", password); var s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM public.players")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static Connection connect(PodPortForward forward, String user, String password) throws Exception {
        Properties login = new Properties();
        login.setProperty("user", user);
        login.setProperty("password", password);
        return DriverManager.getConnection("jdbc:postgresql://" + forward.host() + ":" + forward.localPort() + "/basketball",
                login);
    }
}
