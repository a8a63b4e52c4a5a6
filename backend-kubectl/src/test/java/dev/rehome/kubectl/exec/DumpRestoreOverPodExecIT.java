package dev.rehome.kubectl.exec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rehome.core.CopyOptions;
import dev.rehome.core.CopyRequest;
import dev.rehome.core.CopyResult;
import dev.rehome.core.DatabaseEndpoint;
import dev.rehome.core.MigrationListener;
import dev.rehome.core.Secret;
import dev.rehome.kubectl.dump.DumpRestoreEngine;
import dev.rehome.testkit.PostgresServer;
import dev.rehome.testkit.PostgresServers;
import dev.rehome.testkit.kube.InProcessCluster;
import dev.rehome.testkit.kube.PodEnvironment;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The dump-restore engine unchanged, with both ends in pods: pg_dump runs in the source pod with the password taken
 * from the container's own {@code POSTGRES_PASSWORD}, pg_restore and psql run in the CNPG primary as
 * {@code postgres}, their input uploaded with its length so they end over v4 exec.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class DumpRestoreOverPodExecIT {
    private static final Secret APP_PASSWORD = Secret.of("app-Pa55-canary");

    @Test
    void copiesBetweenTwoPodsWithTheEngineUnchanged() throws SQLException {
        try (InProcessCluster cluster = InProcessCluster.start();
             PostgresServer source = PostgresServers.start(PostgresServers.LOCAL_TOOLS_MAJOR);
             PostgresServer target = PostgresServers.start(17)) {
            DatabaseEndpoint sourceDb = source.createLoginRole("basketball", APP_PASSWORD, "basketball");
            source.execute("postgres", "CREATE DATABASE basketball OWNER basketball TEMPLATE template0");
            source.execute("basketball", """
                    SET ROLE basketball;
                    CREATE TABLE public."Players" (id int PRIMARY KEY, name text);
                    INSERT INTO public."Players" SELECT g, 'player ' || g FROM generate_series(1, 20000) g;
                    """);
            DatabaseEndpoint targetDb = target.createDatabase("basketball");
            cluster.bindPod("basketball-api", "postgres-0",
                    PodEnvironment.postgres(source).withEnv("POSTGRES_PASSWORD", APP_PASSWORD.reveal()));
            cluster.bindPod("postgres", "pal-e-postgres-1", PodEnvironment.postgres(target));

            Map<String, String> fromImageEnv = Map.of("PGPASSWORD", "POSTGRES_PASSWORD");
            var dumpSide = new ContainerEnvSecretsRunner(
                    new PodExecCommandRunner(cluster.client(), new PodRef("basketball-api", "postgres-0", "postgres")), fromImageEnv);
            var restoreSide = new SpooledUploadCommandRunner(
                    PodExecCommandRunner.cnpgPrimary(cluster.client(), "postgres", "pal-e-postgres-1"));

            CopyResult result = new DumpRestoreEngine(dumpSide, restoreSide, java.time.Clock.systemUTC())
                    .copy(new CopyRequest(sourceDb, targetDb, CopyOptions.ofDefaults()), new MigrationListener() { });

            assertThat(result.tables()).extracting(t -> t.table().toString()).containsExactly("public.Players");
            try (var c = target.connect("basketball");
                 var rs = c.createStatement().executeQuery("SELECT count(*), max(name) FROM public.\"Players\"")) {
                rs.next();
                assertThat(rs.getLong(1)).isEqualTo(20_000);
                assertThat(rs.getString(2)).isEqualTo("player 9999");
            }
        }
    }
}
