package dev.rehome.fleet.cli;

import java.time.Clock;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rehome.kubectl.NamespacedName;
import dev.rehome.kubectl.network.NetworkReachability;
import dev.rehome.testkit.PostgresServer;
import dev.rehome.testkit.PostgresServers;
import dev.rehome.testkit.cluster.ClusterSeeds;
import dev.rehome.testkit.cluster.CnpgRoleReconciler;
import dev.rehome.testkit.kube.FakeKubelet;
import dev.rehome.testkit.kube.InProcessCluster;
import dev.rehome.testkit.kube.Kubeconfig;
import dev.rehome.testkit.kube.PodEnvironment;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.sql.ResultSet;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real-cluster path of the fleet moves (no {@code --sandbox}): a kubeconfig naming an in-process Kubernetes
 * API seeded like the real cluster, mcd-tracker's standalone postgres pod played by an embedded PostgreSQL 15
 * holding its fixture, the CNPG primary by an embedded PostgreSQL 17 with a reconciler creating declared roles and
 * databases, and a fake CNPG loop completing Backups. The databases are reached only through port-forwards.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LiveMoveCliIT {
    /** Real time, since the world waits on real processes; the seeds are dated for it, the CLI runs on it. */
    private static final Clock CLOCK = Clock.systemUTC();

    private static final String SOURCE_PASSWORD = "sandbox-mcd-tracker-pw";

    @TempDir
    Path dir;
    private PostgresServer source;
    private PostgresServer target;

    @BeforeAll
    void startServers() throws IOException {
        source = PostgresServers.start(PostgresServers.LOCAL_TOOLS_MAJOR);
        target = PostgresServers.start(17);
        source.createDatabase("mcd_tracker");
        source.execute("mcd_tracker", fixture());
        // postgres:16-alpine makes POSTGRES_USER a superuser; the seeded Secret holds this password.
        source.execute("postgres", "CREATE ROLE mcd LOGIN SUPERUSER PASSWORD '" + SOURCE_PASSWORD + "'");
    }

    @AfterAll
    void stopServers() {
        if (source != null) {
            source.close();
        }
        if (target != null) {
            target.close();
        }
    }

    @Test
    void planReadsTheSourceThroughAPortForwardThenMigrateMovesMcdTrackerIntoTheClusterTheKubeconfigNames()
            throws Exception {
        try (InProcessCluster cluster = InProcessCluster.start();
             CnpgRoleReconciler reconciler = new CnpgRoleReconciler(cluster.client(), "postgres", "pal-e-postgres", target)) {
            ClusterSeeds.files().forEach(f -> cluster.apply(ClusterSeeds.open(f, CLOCK)));
            var client = cluster.client();
            client.pods().inNamespace("mcd-tracker").delete();
            FakeKubelet kubelet = cluster.startKubelet(CLOCK);
            PodEnvironment sourcePod = PodEnvironment.postgres(source)
                    .withEnv("POSTGRES_USER", "mcd").withEnv("POSTGRES_PASSWORD", SOURCE_PASSWORD);
            kubelet.bindPodsOf("mcd-tracker", "postgres", sourcePod);
            kubelet.bindPodsOf("mcd-tracker", "mcd-tracker", PodEnvironment.empty());
            cluster.bindPod("postgres", "pal-e-postgres-1", PodEnvironment.postgres(target));
            cluster.startCnpgOperator(CLOCK).serveCluster("postgres", "pal-e-postgres", target);
            reconciler.start(Duration.ofMillis(200));
            // The kubelet may have created the pod before bindPodsOf took effect.
            cluster.bindPod("mcd-tracker", cluster.awaitPod("mcd-tracker", "app", "postgres"), sourcePod);
            client.resource(NetworkReachability.allowIngress(NamespacedName.parse("postgres/pal-e-postgres"), "mcd-tracker"))
                    .create();
            String kubeconfig = Kubeconfig.write(dir, cluster.masterUrl()).toString();
            InProcessCli cli = new InProcessCli(dir, Map.of(), CLOCK);

            InProcessCli.Result plan = cli.run("plan", "mcd-tracker/postgres", "--into", "postgres/pal-e-postgres",
                    "--kubeconfig", kubeconfig, "--target-tls", "disable");
            assertThat(plan.exit()).as(plan.all()).isZero();
            assertThat(plan.stdout()).contains("visit_items", "mcd_tracker");

            InProcessCli.Result done = cli.run("migrate", "mcd-tracker/postgres", "--into", "postgres/pal-e-postgres",
                    "--kubeconfig", kubeconfig, "--yes", "--engine", "jdbc-direct", "--target-tls", "disable");

            assertThat(done.exit()).as(done.all()).isZero();
            assertThat(done.stderr()).as("the opt-out is said on the terminal")
                    .contains("TLS to the target: disabled (--target-tls=disable)");
            assertThat(done.stdout()).contains("mcd-tracker/postgres");
            try (var c = target.connect("mcd_tracker"); var st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT (SELECT count(*) FROM public.visits), (SELECT count(*) FROM "
                         + "public.visit_items), (SELECT pg_catalog.pg_get_userbyid(datdba) FROM pg_catalog.pg_database "
                         + "WHERE datname = 'mcd_tracker')")) {
                rs.next();
                assertThat(rs.getLong(1)).isEqualTo(300);
                assertThat(rs.getLong(2)).isEqualTo(610);
                assertThat(rs.getString(3)).isEqualTo("mcd_tracker");
            }
            var host = client.apps().deployments().inNamespace("mcd-tracker").withName("mcd-tracker").get()
                    .getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().stream()
                    .filter(e -> e.getName().equals("DATABASE_HOST")).findFirst().orElseThrow();
            assertThat(host.getValueFrom().getSecretKeyRef().getKey()).isEqualTo("host");
        }
    }

    @Test
    void anUnreachableClusterIsExitFour() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        InProcessCli.Result run = new InProcessCli(dir, Map.of(), CLOCK).run("plan", "mcd-tracker/postgres", "--into",
                "postgres/pal-e-postgres", "--kubeconfig", Kubeconfig.write(dir, "https://127.0.0.1:" + port).toString());
        assertThat(run.exit()).as(run.all()).isEqualTo(4);
        assertThat(run.stderr()).contains("127.0.0.1:" + port);
    }

    private static String fixture() throws IOException {
        try (InputStream in = LiveMoveCliIT.class.getResourceAsStream("/dev/rehome/sandbox/fleet/mcd-tracker.sql")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }


}
