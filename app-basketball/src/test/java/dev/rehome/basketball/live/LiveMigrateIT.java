package dev.rehome.basketball.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rehome.basketball.live.LiveBasketballWorld.Run;
import dev.rehome.testkit.PostgresServer;
import dev.rehome.testkit.PostgresServers;
import dev.rehome.testkit.fixtures.BasketballFixture;
import dev.rehome.testkit.kube.Kubeconfig;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real-cluster code path of the CLI (no {@code --sandbox}): a kubeconfig naming an in-process Kubernetes API
 * seeded like the real cluster, the standalone postgres pod played by an embedded PostgreSQL 15 holding the
 * basketball fixture, the CNPG primary by an embedded PostgreSQL 17 with a reconciler creating declared roles and
 * databases, and a fake CNPG loop completing Backups. The databases are reached only through port-forwards.
 */
@Timeout(value = 150, unit = TimeUnit.SECONDS)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LiveMigrateIT {
    /** Real time, since the world waits on real processes; the seeds are dated for it, the CLI runs on it. */
    private static final Clock CLOCK = Clock.systemUTC();

    @TempDir
    Path dir;
    private PostgresServer source;
    private PostgresServer target;

    @BeforeAll
    void startServers() {
        source = PostgresServers.start(PostgresServers.LOCAL_TOOLS_MAJOR);
        target = PostgresServers.start(17);
        LiveBasketballWorld.seedSource(source);
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
    void migrateDrivesTheClusterTheKubeconfigNamesAndMovesTheData() throws Exception {
        try (LiveBasketballWorld world = LiveBasketballWorld.start(source, target, dir, CLOCK)) {
            var client = world.client();
            Path kubeconfig = world.kubeconfig;
            String[] migrate = world.migrate();

            // S-2: without an opt-out the target must prove itself with the CA in postgres/pal-e-postgres-ca, which
            // this cluster lacks: refused before anything changes, naming the Secret and the flag.
            String[] verifying = LiveBasketballWorld.withoutTlsOptOut(migrate);
            Run noCa = run(verifying);
            assertThat(noCa.code()).as(noCa.err()).isEqualTo(3);
            assertThat(noCa.out() + noCa.err()).contains("Secret postgres/pal-e-postgres-ca does not exist",
                    "nothing was changed", "--target-tls=require");
            assertThat(client.apps().deployments().inNamespace("basketball-api").withName("basketball-api").get()
                    .getSpec().getReplicas()).as("the app was not scaled").isPositive();

            Run refused = run(migrate);
            assertThat(refused.code()).as(refused.err()).isEqualTo(3);
            assertThat(refused.out() + refused.err()).contains("NetworkPolicy", "does not admit");
            world.admitApp();

            String[] dryRun = java.util.stream.Stream.concat(java.util.Arrays.stream(migrate), java.util.stream.Stream.of("--dry-run"))
                    .toArray(String[]::new);
            Run preview = run(dryRun);
            assertThat(preview.code()).as(preview.err()).isZero();
            assertThat(preview.out()).contains("(dry run: nothing was changed)", "pal-e-postgres");
            assertThat(preview.out() + preview.err()).as("R-1: the primary's free space, read by df in its pod")
                    .containsPattern("target data volume \\d+ MiB free \\(needs about \\d+ MiB\\)");
            try (var c = target.connect("postgres"); var s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_catalog.pg_database WHERE datname = 'basketball'")) {
                rs.next();
                assertThat(rs.getLong(1)).as("the dry run created nothing").isZero();
            }

            Run done = run(migrate);

            assertThat(done.code()).as(done.err() + done.out()).isZero();
            assertThat(done.err()).as("the opt-out is announced")
                    .contains("TLS to the target: disabled (--target-tls=disable)");
            assertThat(done.out()).contains("**Result:** moved and verified", "| players | 76 | 76 | 76 | =");
            assertThat(done.out()).as("the first backup restored into a scratch cluster through the Kubernetes path")
                    .contains("## Restore proof", "- passed: database basketball from backup rehome-basketball-");
            try (var c = target.connect("basketball"); var s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT (SELECT count(*) FROM public.players), (SELECT count(*) FROM "
                         + "public.orders WHERE status = 'paid'), (SELECT pg_catalog.pg_get_userbyid(datdba) FROM "
                         + "pg_catalog.pg_database WHERE datname = 'basketball')")) {
                rs.next();
                assertThat(rs.getLong(1)).isEqualTo(BasketballFixture.PLAYERS);
                assertThat(rs.getLong(2)).isEqualTo(BasketballFixture.PAID_ORDERS);
                assertThat(rs.getString(3)).isEqualTo("basketball");
            }
            var env = client.apps().deployments().inNamespace("basketball-api").withName("basketball-api").get()
                    .getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().stream()
                    .filter(e -> e.getName().equals("BASKETBALL_DATABASE_URL")).findFirst().orElseThrow();
            assertThat(env.getValueFrom().getSecretKeyRef().getName()).isNotEqualTo("basketball-api-secrets");
            String pv = client.persistentVolumeClaims().inNamespace("basketball-api").withName("postgres-data").get()
                    .getSpec().getVolumeName();
            assertThat(client.persistentVolumes().withName(pv).get().getSpec().getPersistentVolumeReclaimPolicy())
                    .isEqualTo("Retain");
            assertThat(client.secrets().inNamespace("postgres").withName("basketball-credentials").get()).isNotNull();
            // X-2 before retire: status --check-drift reads the cluster; the app reads its new home, until the old
            // definition comes back (ArgoCD self-heal, an old manifest applied): exit 1, naming it.
            Run noDrift = run(world.args("status", "--check-drift", "-o", "json"));
            assertThat(noDrift.code()).as(noDrift.err() + noDrift.out()).isZero();
            assertThat(noDrift.out()).containsPattern("\"found\"\\s*:\\s*false")
                    .contains("reads Secret " + env.getValueFrom().getSecretKeyRef().getName());
            client.apps().deployments().inNamespace("basketball-api").withName("basketball-api").edit(d -> {
                d.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().replaceAll(e ->
                        !e.getName().equals("BASKETBALL_DATABASE_URL") ? e : new io.fabric8.kubernetes.api.model.EnvVarBuilder()
                                .withName(e.getName()).withNewValueFrom().withNewSecretKeyRef()
                                .withName("basketball-api-secrets").withKey("database-url").endSecretKeyRef()
                                .endValueFrom().build());
                return d;
            });
            Run drifted = run(world.args("status", "--check-drift"));
            assertThat(drifted.code()).as(drifted.err() + drifted.out()).isEqualTo(1);
            assertThat(drifted.out()).contains("DRIFT: Deployment basketball-api/basketball-api env"
                    + " BASKETBALL_DATABASE_URL no longer points to the new home");
            // status reads the journal only: it works with the standalone postgres gone, as after retire.
            client.apps().deployments().inNamespace("basketball-api").withName("postgres").delete();
            Run status = run(world.args("status"));
            assertThat(status.code()).as(status.err()).isZero();
            assertThat(status.out() + status.err()).contains("prove-backup");
        }
    }

    @Test
    void anUnreachableClusterIsExitFourInOneLine() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        // plan needs the cluster (status reads the local journal and needs none)
        Run run = run(new String[] {"plan", "--kubeconfig", Kubeconfig.write(dir, "https://127.0.0.1:" + port).toString()});
        assertThat(run.code()).isEqualTo(4);
        assertThat(run.err()).contains("cannot reach the Kubernetes API at https://127.0.0.1:" + port);
    }

    private Run run(String[] args) {
        return LiveBasketballWorld.run(dir, CLOCK, args);
    }
}
