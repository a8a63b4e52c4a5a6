package dev.rehome.kubectl.cutover;

import java.time.Clock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rehome.core.RefusedException;
import dev.rehome.core.Secret;
import dev.rehome.kubectl.Fields;
import dev.rehome.kubectl.KubeBackend;
import dev.rehome.kubectl.NamespacedName;
import dev.rehome.kubectl.cnpg.CnpgKinds;
import dev.rehome.testkit.PostgresServer;
import dev.rehome.testkit.PostgresServers;
import dev.rehome.testkit.cluster.ClusterSeeds;
import dev.rehome.testkit.cluster.CnpgRoleReconciler;
import dev.rehome.testkit.kube.InProcessCluster;
import dev.rehome.testkit.kube.PodEnvironment;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The cutover's provisioner on CNPG without a superuser login: the role and database declared with the cutover's
 * password, a clean redo through psql in the primary, and a drop that removes only what rehome declared.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class CnpgTargetProvisionerIT {
    /** Real time, since the world waits on real processes; the seeds are dated for it, the CLI runs on it. */
    private static final Clock CLOCK = Clock.systemUTC();

    private static final NamespacedName PAL_E = NamespacedName.parse("postgres/pal-e-postgres");

    @Test
    void declaresWithTheCutoversPasswordRecreatesEmptyAndDropsOnlyItsOwn() throws Exception {
        try (PostgresServer target = PostgresServers.start(17); InProcessCluster cluster = InProcessCluster.start();
             CnpgRoleReconciler reconciler = new CnpgRoleReconciler(cluster.client(), "postgres", "pal-e-postgres", target)) {
            ClusterSeeds.files().forEach(f -> cluster.apply(ClusterSeeds.open(f, CLOCK)));
            cluster.bindPod("postgres", "pal-e-postgres-1", PodEnvironment.postgres(target));
            reconciler.start(Duration.ofMillis(100));
            var client = cluster.client();
            KubeBackend kube = KubeBackend.builder(client).clock(CLOCK).pollInterval(Duration.ofMillis(100)).build();
            var console = kube.sqlConsole(kube.targets().discover(PAL_E));
            CnpgTargetProvisioner provisioner = new CnpgTargetProvisioner(client, kube.provisioner(), console, PAL_E,
                    new NamespacedName("basketball-api", "basketball-cnpg-connection"), "rehome-basketball");
            Secret password = Secret.of("cutover-generated-password-0123456789");

            assertThat(provisioner.foreignObjectsExist("basketball", "basketball", "unused")).isFalse();
            provisioner.ensure("basketball", password, "basketball", "unused");
            execAs(target, password, "CREATE TABLE public.leftover (id int)");
            provisioner.recreate("basketball", "basketball", "unused");

            assertThat(rows(target, password, "SELECT count(*) FROM pg_catalog.pg_class WHERE relname = 'leftover'"))
                    .containsExactly("0");
            assertThat(rows(target, password, "SELECT pg_catalog.pg_get_userbyid(datdba) || ' ' || "
                    + "pg_catalog.shobj_description(oid, 'pg_database') FROM pg_catalog.pg_database WHERE datname = 'basketball'"))
                    .containsExactly("basketball rehome:rehome-basketball");
            assertThat(provisioner.foreignObjectsExist("basketball", "basketball", "unused")).isFalse();

            target.execute("postgres", "CREATE DATABASE someone_elses");
            assertThatThrownBy(() -> provisioner.recreate("basketball", "someone_elses", "unused"))
                    .isInstanceOf(RefusedException.class);

            provisioner.drop("basketball", "basketball", "unused");
            reconciler.close();
            assertThat(CnpgKinds.of(client, CnpgKinds.DATABASE).inNamespace("postgres")
                    .withName("pal-e-postgres-basketball").get()).isNull();
            var roles = Fields.maps(CnpgKinds.of(client, CnpgKinds.CLUSTER).inNamespace("postgres")
                    .withName("pal-e-postgres").get(), "spec", "managed", "roles");
            assertThat(roles).extracting(m -> m.get("name")).containsExactly("paledocs");
            assertThat(console.query("postgres", "SELECT datname FROM pg_catalog.pg_database WHERE datname IN "
                    + "('basketball', 'someone_elses')")).containsExactly(List.of("someone_elses"));
            assertThat(client.secrets().inNamespace("postgres").withName("basketball-credentials").get()).isNull();
        }
    }

    private static void execAs(PostgresServer server, Secret password, String sql) throws SQLException {
        try (var c = DriverManager.getConnection(server.jdbcUrl("basketball"), login(password)); var s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static List<String> rows(PostgresServer server, Secret password, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (var c = DriverManager.getConnection(server.jdbcUrl("basketball"), login(password)); var s = c.createStatement();
             var rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    private static Properties login(Secret password) {
        Properties p = new Properties();
        p.setProperty("user", "basketball");
        p.setProperty("password", password.reveal());
        return p;
    }
}
