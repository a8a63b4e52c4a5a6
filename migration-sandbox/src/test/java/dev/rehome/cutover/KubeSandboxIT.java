package dev.rehome.cutover;

import dev.rehome.core.cutover.CutoverOutcome;
import dev.rehome.core.cutover.CutoverPorts;
import dev.rehome.core.cutover.EngineCatalog;
import dev.rehome.core.cutover.RunOptions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rehome.sandbox.KubeSandbox;
import dev.rehome.core.MigrationListener;
import dev.rehome.core.Verifier;
import dev.rehome.core.spi.LocalCommandRunner;
import dev.rehome.jdbc.JdbcDirectEngine;
import dev.rehome.kubectl.dump.DumpRestoreEngine;
import dev.rehome.jdbc.verify.Verifiers;
import dev.rehome.testkit.fixtures.BasketballFixture;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole cutover with the real Kubernetes adapters against the in-process API server seeded like the real
 * cluster (fake kubelet and CNPG operator), and real embedded servers for the data.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
@ExtendWith(SharedServers.Resolver.class)
class KubeSandboxIT {
    /** Real time, since the world waits on real processes; the sandbox dates its seeds for it. */
    private static final Clock CLOCK = Clock.systemUTC();

    @TempDir
    Path dir;

    @Test
    void migratesThroughTheKubernetesAdaptersAndRetiresWithoutTouchingPhotoUploads(SharedServers servers) {
        List<String> notices = new ArrayList<>();
        try (KubeSandbox sandbox = KubeSandbox.prepare(servers.source, servers.target, dir, CLOCK, notices::add)) {
            EngineCatalog engines = new EngineCatalog(Map.of(
                    "dump-restore", () -> new DumpRestoreEngine(new LocalCommandRunner(), new LocalCommandRunner(), CLOCK),
                    "jdbc-direct", () -> new JdbcDirectEngine(CLOCK)));
            Verifier verifier = Verifier.allOf(Verifiers.forLevel(Verifiers.FULL), Verifiers.ownership("basketball"));
            CutoverPorts ports = sandbox.ports(engines, verifier);
            RunOptions options = RunOptions.defaults("test").withGitopsDir(sandbox.deploymentsRepo());
            CutoverRunner runner = new CutoverRunner(sandbox.config(), ports, options, MigrationListener.NONE, CLOCK);

            CutoverOutcome outcome = runner.migrate();

            assertThat(outcome.result().succeeded()).as(outcome.result().steps() + " " + outcome.notices()).isTrue();
            var client = sandbox.client();
            var env = client.apps().deployments().inNamespace("basketball-api").withName("basketball-api").get()
                    .getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().stream()
                    .filter(e -> e.getName().equals("BASKETBALL_DATABASE_URL")).findFirst().orElseThrow();
            assertThat(env.getValueFrom().getSecretKeyRef().getName()).isEqualTo("basketball-db-pal-e-postgres");
            var pvc = client.persistentVolumeClaims().inNamespace("basketball-api").withName("postgres-data").get();
            assertThat(client.persistentVolumes().withName(pvc.getSpec().getVolumeName()).get().getSpec()
                    .getPersistentVolumeReclaimPolicy()).isEqualTo("Retain");
            assertThat(outcome.result().facts()).containsKey("backup.id");
            assertThat(client.configMaps().inNamespace("postgres").list().getItems())
                    .as("the journal lives in the cluster").anyMatch(cm -> cm.getMetadata().getName().startsWith("rehome-"));
            assertThat(servers.target.connect("basketball")).satisfies(c -> {
                try (c; var s = c.createStatement(); var rs = s.executeQuery("SELECT count(*) FROM public.players")) {
                    rs.next();
                    assertThat(rs.getLong(1)).isEqualTo(BasketballFixture.PLAYERS);
                }
            });

            var photos = client.persistentVolumeClaims().inNamespace("basketball-api").withName("photo-uploads").get();
            CutoverRunner retire = new CutoverRunner(sandbox.config(), ports, RunOptions.defaults("test").withRetire(true, true),
                    MigrationListener.NONE, CLOCK);
            var retired = retire.retire();
            assertThat(retired.result().succeeded()).as(retired.result().steps().toString()).isTrue();
            assertThat(client.persistentVolumeClaims().inNamespace("basketball-api").withName("postgres-data").get()).isNull();
            assertThat(client.persistentVolumeClaims().inNamespace("basketball-api").withName("photo-uploads").get()
                    .getMetadata().getUid()).isEqualTo(photos.getMetadata().getUid());
        }
    }

    /**
     * Catalogue case X-2: after the switch, something puts the app's old definition back (ArgoCD self-heal, an old
     * manifest applied). The old database stays fenced, so the app's old login is refused there, and retire sees
     * the drift and removes nothing: the old database is the app's database again.
     */
    @Test
    void afterTheSwitchAnOldDefinitionPutBackIsRefusedByTheFenceAndStopsRetire(SharedServers servers) throws Exception {
        try (KubeSandbox sandbox = KubeSandbox.prepare(servers.source, servers.target, dir, CLOCK, n -> { })) {
            EngineCatalog engines = new EngineCatalog(Map.of("jdbc-direct", () -> new JdbcDirectEngine(CLOCK)));
            Verifier verifier = Verifiers.forLevel(Verifiers.FULL);
            CutoverPorts ports = sandbox.ports(engines, verifier);
            var apps = sandbox.client().apps().deployments().inNamespace("basketball-api");
            var oldEnv = appEnv(apps.withName("basketball-api").get());
            RunOptions options = RunOptions.defaults("test").withEngine("jdbc-direct")
                    .withGitopsDir(sandbox.deploymentsRepo());
            CutoverOutcome outcome = new CutoverRunner(sandbox.config(), ports, options, MigrationListener.NONE, CLOCK)
                    .migrate();
            assertThat(outcome.result().succeeded()).as(outcome.result().steps() + " " + outcome.notices()).isTrue();
            CutoverRunner watching = new CutoverRunner(sandbox.config(), ports, options, MigrationListener.NONE, CLOCK);
            assertThat(watching.drift()).as("status --check-drift right after the cutover").isEmpty();

            apps.withName("basketball-api").edit(d -> {
                d.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().replaceAll(e ->
                        e.getName().equals(oldEnv.getName()) ? oldEnv : e);
                return d;
            });
            assertThat(watching.drift()).as("status --check-drift once the old definition is back")
                    .hasValueSatisfying(d -> assertThat(d).contains("no longer points to the new home"));
            assertThatThrownBy(() -> DriverManager.getConnection(servers.source.jdbcUrl("basketball"), "basketball",
                    "sandbox-basketball-pw").close()).as("the old login at the old database, still fenced")
                    .isInstanceOf(SQLException.class);
            // A CronJob still reading the old Secret fires (its Job, as the CronJob controller makes it): its psql
            // reaches the old database through the Service and is refused; nothing is written there.
            sandbox.client().resource(new io.fabric8.kubernetes.api.model.batch.v1.JobBuilder().withNewMetadata()
                    .withName("nightly-report-29000000").withNamespace("basketball-api").endMetadata().withNewSpec()
                    .withBackoffLimit(0).withNewTemplate().withNewSpec().withRestartPolicy("Never").addNewContainer()
                    .withName("report").withImage("postgres:16-alpine")
                    .withCommand("sh", "-c", "psql \"$DATABASE_URL\" -X -v ON_ERROR_STOP=1"
                            + " -c 'CREATE TABLE public.stray_write (x int)' 2>&1")
                    .addNewEnv().withName("DATABASE_URL").withNewValueFrom().withNewSecretKeyRef()
                    .withName("basketball-api-secrets").withKey("database-url").endSecretKeyRef().endValueFrom()
                    .endEnv().endContainer().endSpec().endTemplate().endSpec().build()).create();
            var job = dev.rehome.testkit.kube.Poll.until(() -> sandbox.client().batch().v1().jobs()
                    .inNamespace("basketball-api").withName("nightly-report-29000000").get(),
                    j -> j.getStatus() != null && (j.getStatus().getFailed() != null || j.getStatus().getSucceeded() != null),
                    java.time.Duration.ofSeconds(60), "the stray CronJob's Job finished");
            assertThat(job.getStatus().getFailed()).as("the stray writer was refused").isEqualTo(1);
            var pods = sandbox.client().pods().inNamespace("basketball-api").withLabel("job-name", "nightly-report-29000000");
            assertThat(pods.resources().map(p -> p.getLog()).toList()).as("refused by the server, not lost on the way")
                    .singleElement().asString().contains("FATAL");
            try (var c = servers.source.connect("basketball"); var st = c.createStatement();
                 var rs = st.executeQuery("SELECT to_regclass('public.stray_write') IS NULL")) {
                rs.next();
                assertThat(rs.getBoolean(1)).as("nothing written to the old database after the fence").isTrue();
            }

            var retired = new CutoverRunner(sandbox.config(), ports, RunOptions.defaults("test").withRetire(true, true),
                    MigrationListener.NONE, CLOCK).retire();

            assertThat(retired.result().succeeded()).isFalse();
            assertThat(retired.result().steps().toString()).contains("no longer points to the new home");
            var client = sandbox.client();
            assertThat(client.apps().deployments().inNamespace("basketball-api").withName("postgres").get()).isNotNull();
            assertThat(client.persistentVolumeClaims().inNamespace("basketball-api").withName("postgres-data").get())
                    .isNotNull();
        }
    }

    /**
     * Catalogue case S-3: the moved database lives in a shared cluster, so after the move another tenant's role
     * cannot connect to it, the app's role cannot connect to another tenant's database, and the app's role holds
     * no power over the cluster.
     */
    @Test
    void theMovedDatabaseIsClosedToOtherTenantsAndItsRoleHasNoPowerOverTheCluster(SharedServers servers)
            throws Exception {
        try (KubeSandbox sandbox = KubeSandbox.prepare(servers.source, servers.target, dir, CLOCK, n -> { })) {
            EngineCatalog engines = new EngineCatalog(Map.of("jdbc-direct", () -> new JdbcDirectEngine(CLOCK)));
            CutoverPorts ports = sandbox.ports(engines, Verifiers.forLevel(Verifiers.COUNTS));
            RunOptions options = RunOptions.defaults("test").withEngine("jdbc-direct")
                    .withGitopsDir(sandbox.deploymentsRepo());
            CutoverOutcome outcome = new CutoverRunner(sandbox.config(), ports, options, MigrationListener.NONE, CLOCK)
                    .migrate();
            assertThat(outcome.result().succeeded()).as(outcome.result().steps() + " " + outcome.notices()).isTrue();
            servers.target.execute("postgres", "DROP DATABASE IF EXISTS other_tenant_db");
            servers.target.execute("postgres", "DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname ="
                    + " 'other_tenant') THEN CREATE ROLE other_tenant LOGIN PASSWORD 'other-pw'; END IF; END $$");
            servers.target.execute("postgres", "CREATE DATABASE other_tenant_db OWNER other_tenant");
            servers.target.execute("postgres", "REVOKE CONNECT, TEMPORARY ON DATABASE other_tenant_db FROM PUBLIC");
            String appPassword = new String(java.util.Base64.getDecoder().decode(sandbox.client().secrets()
                    .inNamespace("postgres").withName("rehome-basketball-credentials").get().getData().get("password")),
                    java.nio.charset.StandardCharsets.UTF_8);

            assertThatThrownBy(() -> DriverManager.getConnection(servers.target.jdbcUrl("basketball"), "other_tenant",
                    "other-pw").close()).as("another tenant into the moved database")
                    .isInstanceOf(SQLException.class).hasMessageContaining("permission denied");
            assertThatThrownBy(() -> DriverManager.getConnection(servers.target.jdbcUrl("other_tenant_db"),
                    "basketball", appPassword).close()).as("the app's role into another tenant's database")
                    .isInstanceOf(SQLException.class).hasMessageContaining("permission denied");
            try (var c = DriverManager.getConnection(servers.target.jdbcUrl("basketball"), "basketball", appPassword);
                 var st = c.createStatement();
                 var rs = st.executeQuery("SELECT rolsuper, rolcreatedb, rolcreaterole, rolreplication, rolbypassrls"
                         + " FROM pg_roles WHERE rolname = current_user")) {
                rs.next();
                for (int i = 1; i <= 5; i++) {
                    assertThat(rs.getBoolean(i)).as("attribute " + rs.getMetaData().getColumnName(i)).isFalse();
                }
            }
        }
    }

    private static io.fabric8.kubernetes.api.model.EnvVar appEnv(io.fabric8.kubernetes.api.model.apps.Deployment d) {
        return d.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().stream()
                .filter(e -> e.getName().equals("BASKETBALL_DATABASE_URL")).findFirst().orElseThrow();
    }
}
