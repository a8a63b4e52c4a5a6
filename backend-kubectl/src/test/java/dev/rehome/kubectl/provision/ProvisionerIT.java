package dev.rehome.kubectl.provision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rehome.core.RefusedException;
import dev.rehome.kubectl.FakeClock;
import dev.rehome.kubectl.Fields;
import dev.rehome.kubectl.MockCluster;
import dev.rehome.kubectl.NamespacedName;
import dev.rehome.kubectl.cnpg.CnpgKinds;
import dev.rehome.kubectl.retry.KubeRetry;
import dev.rehome.kubectl.retry.Poller;
import dev.rehome.testkit.PostgresServer;
import dev.rehome.testkit.PostgresServers;
import dev.rehome.testkit.cluster.ClusterSeeds;
import dev.rehome.testkit.cluster.CnpgRoleReconciler;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.security.SecureRandom;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/** Provisioning against the seeded mock cluster and a real PostgreSQL 17 playing pal-e-postgres's primary. */
@Timeout(120)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProvisionerIT {
    private static final NamespacedName PAL_E = NamespacedName.parse("postgres/pal-e-postgres");
    private PostgresServer server;
    private MockCluster cluster;
    private LocalPsqlRunner runner;

    @BeforeAll
    void startServer() {
        server = PostgresServers.start(17);
    }

    @AfterAll
    void stopServer() {
        server.close();
    }

    @BeforeEach
    void seed() {
        cluster = MockCluster.seeded();
        runner = new LocalPsqlRunner(server);
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    private Provisioner provisioner() {
        FakeClock clock = new FakeClock(ClusterSeeds.SEEDED_AT);
        CnpgRoleReconciler operator = new CnpgRoleReconciler(cluster.client(), "postgres", "pal-e-postgres", server);
        Poller poller = new Poller(clock, d -> {
            operator.reconcileOnce();
            clock.advance(d);
        }, Duration.ofSeconds(2));
        return new Provisioner(cluster.client(), t -> new PsqlConsole(runner, Duration.ofSeconds(30)),
                new SecureRandom(), poller, KubeRetry.none(), Duration.ofMinutes(2));
    }

    private static ProvisionRequest request(String name, String appNamespace) {
        return new ProvisionRequest(PAL_E, name, name, new NamespacedName(appNamespace, name.replace('_', '-') + "-db"), "plan-" + name);
    }

    @Test
    void provisionsRoleDatabaseAndSecretsAndARerunReusesThem() throws Exception {
        server.execute("postgres", "CREATE ROLE paledocs_probe LOGIN");
        ProvisionRequest request = request("basketball", "basketball-api");

        ProvisionResult first = provisioner().provision(request);
        ProvisionResult second = provisioner().provision(request);

        assertThat(first.roleMethod()).isEqualTo("managed.roles");
        assertThat(first.databaseMethod()).isEqualTo("Database CR");
        assertThat(second.actions()).anySatisfy(a -> assertThat(a).startsWith("reused Secret"))
                .anySatisfy(a -> assertThat(a).startsWith("reused role"))
                .anySatisfy(a -> assertThat(a).startsWith("reused Database"));

        var clusterObject = CnpgKinds.of(cluster.client(), CnpgKinds.CLUSTER).inNamespace("postgres").withName("pal-e-postgres").get();
        assertThat(Fields.maps(clusterObject, "spec", "managed", "roles")).extracting(m -> m.get("name"))
                .containsExactly("paledocs", "basketball");
        var role = Fields.maps(clusterObject, "spec", "managed", "roles").get(1);
        assertThat(role).containsEntry("login", true).containsEntry("superuser", false).containsEntry("createdb", false)
                .containsEntry("createrole", false).containsEntry("comment", "rehome:plan-basketball")
                .containsEntry("passwordSecret", Map.of("name", "basketball-credentials"));

        var roleSecret = cluster.client().secrets().inNamespace("postgres").withName("basketball-credentials").get();
        assertThat(roleSecret.getType()).isEqualTo("kubernetes.io/basic-auth");
        assertThat(roleSecret.getMetadata().getLabels()).containsEntry("cnpg.io/reload", "true");
        assertThat(roleSecret.getStringData()).containsEntry("username", "basketball");

        var database = CnpgKinds.of(cluster.client(), CnpgKinds.DATABASE).inNamespace("postgres")
                .withName("pal-e-postgres-basketball").get();
        assertThat(Fields.string(database, "spec", "owner")).contains("basketball");
        assertThat(Fields.string(database, "spec", "locale")).contains("C");
        assertThat(Fields.string(database, "spec", "databaseReclaimPolicy")).contains("retain");

        var app = cluster.client().secrets().inNamespace("basketball-api").withName("basketball-db").get().getStringData();
        String password = roleSecret.getStringData().get("password");
        assertThat(password).hasSizeGreaterThanOrEqualTo(40);
        assertThat(app).containsOnlyKeys("username", "user", "password", "dbname", "host", "port", "pgpass", "uri",
                "jdbc-uri", "fqdn-uri", "fqdn-jdbc-uri");
        assertThat(app).containsEntry("password", password).containsEntry("dbname", "basketball")
                .containsEntry("host", "pal-e-postgres-rw.postgres.svc")
                .containsEntry("fqdn-uri", "postgresql://basketball:" + password
                        + "@pal-e-postgres-rw.postgres.svc.cluster.local:5432/basketball");
        assertThat(app.get("fqdn-jdbc-uri")).startsWith("jdbc:postgresql://pal-e-postgres-rw.postgres.svc.cluster.local:5432/basketball?");

        Properties login = new Properties();
        login.setProperty("user", "basketball");
        login.setProperty("password", password);
        try (var c = DriverManager.getConnection(server.jdbcUrl("basketball"), login); var s = c.createStatement();
             var rs = s.executeQuery("SELECT current_user, (SELECT datcollate FROM pg_database WHERE datname = 'basketball'),"
                     + " shobj_description((SELECT oid FROM pg_database WHERE datname = 'basketball'), 'pg_database'),"
                     + " has_database_privilege('paledocs_probe', 'basketball', 'CONNECT')")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo("basketball");
            assertThat(rs.getString(2)).isEqualTo("C");
            assertThat(rs.getString(3)).isEqualTo("rehome:plan-basketball");
            assertThat(rs.getBoolean(4)).as("PUBLIC has no CONNECT").isFalse();
        }
        assertThat(runner.argvs).isNotEmpty().allSatisfy(argv -> assertThat(String.join(" ", argv)).doesNotContain(password));
    }

    @Test
    void refusesARoleThatExistsWithoutItsMarker() {
        server.execute("postgres", "CREATE ROLE mcd LOGIN");
        ProvisionRequest request = request("mcd", "mcd-tracker");

        assertThatThrownBy(() -> provisioner().provision(request)).isInstanceOf(RefusedException.class)
                .hasMessageContaining("role 'mcd' already exists").hasMessageContaining("not created by this rehome plan");
        assertThat(cluster.client().secrets().inNamespace("postgres").withName("mcd-credentials").get()).isNull();
        assertThatThrownBy(() -> provisioner().checkNoForeignObjects(request)).isInstanceOf(RefusedException.class);
    }

    @Test
    void refusesToOverwriteAnAppSecretItDidNotWrite() {
        cluster.client().secrets().inNamespace("pal-e-mail").resource(new SecretBuilder().withNewMetadata()
                .withName("palemail-db").withNamespace("pal-e-mail").endMetadata()
                .addToStringData("uri", "hand-made").build()).create();

        assertThatThrownBy(() -> provisioner().provision(request("palemail", "pal-e-mail")))
                .isInstanceOf(RefusedException.class).hasMessageContaining("Secret pal-e-mail/palemail-db");
    }

    @Test
    void createsTheDatabaseWithSqlBeforeCnpg125() throws Exception {
        cluster.client().configMaps().inNamespace("postgres").withName("cnpg-default-monitoring").edit(cm -> {
            cm.getMetadata().getAnnotations().put("cnpg.io/operatorVersion", "1.24.2");
            return cm;
        });

        ProvisionResult result = provisioner().provision(request("legacy_app", "pal-e-mail"));

        assertThat(result.databaseMethod()).isEqualTo("SQL");
        assertThat(CnpgKinds.of(cluster.client(), CnpgKinds.DATABASE).inNamespace("postgres")
                .withName("pal-e-postgres-legacy-app").get()).isNull();
        try (var c = server.connect("postgres"); var s = c.createStatement();
             var rs = s.executeQuery("SELECT pg_get_userbyid(datdba), datcollate FROM pg_database WHERE datname = 'legacy_app'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("legacy_app");
            assertThat(rs.getString(2)).isEqualTo("C");
        }
    }

    @Test
    void onCnpg130TheRoleIsADatabaseRoleAndTheClusterSpecIsUntouched() throws Exception {
        cluster.client().configMaps().inNamespace("postgres").withName("cnpg-default-monitoring").edit(cm -> {
            cm.getMetadata().getAnnotations().put("cnpg.io/operatorVersion", "1.30.0");
            return cm;
        });
        String clusterVersion = CnpgKinds.of(cluster.client(), CnpgKinds.CLUSTER).inNamespace("postgres")
                .withName("pal-e-postgres").get().getMetadata().getResourceVersion();

        ProvisionResult result = provisioner().provision(request("newer_app", "pal-e-mail"));

        assertThat(result.roleMethod()).isEqualTo("DatabaseRole");
        assertThat(CnpgKinds.of(cluster.client(), CnpgKinds.CLUSTER).inNamespace("postgres").withName("pal-e-postgres")
                .get().getMetadata().getResourceVersion()).isEqualTo(clusterVersion);
        String password = cluster.client().secrets().inNamespace("pal-e-mail").withName("newer-app-db").get()
                .getStringData().get("password");
        Properties login = new Properties();
        login.setProperty("user", "newer_app");
        login.setProperty("password", password);
        try (var c = DriverManager.getConnection(server.jdbcUrl("newer_app"), login)) {
            assertThat(c.isValid(5)).isTrue();
        }
    }

    @Test
    void plansWithoutChangingAnything() {
        var before = cluster.client().secrets().inNamespace("postgres").list().getItems().size();

        var plan = provisioner().plan(request("planned", "pal-e-mail"));

        assertThat(plan).anySatisfy(l -> assertThat(l).contains("spec.managed.roles += planned"))
                .anySatisfy(l -> assertThat(l).contains("REVOKE CONNECT, TEMPORARY ON DATABASE \"planned\" FROM PUBLIC"));
        assertThat(cluster.client().secrets().inNamespace("postgres").list().getItems()).hasSize(before);
    }
}
