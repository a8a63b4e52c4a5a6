package dev.rehome.kubectl.exec;

import dev.rehome.core.spi.LocalCommandRunner;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rehome.core.CommandFailedException;
import dev.rehome.core.spi.CommandSpec;
import dev.rehome.kubectl.portforward.PodPortForward;
import dev.rehome.testkit.PostgresServer;
import dev.rehome.testkit.PostgresServers;
import dev.rehome.testkit.kube.InProcessCluster;
import dev.rehome.testkit.kube.PodEnvironment;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 180, unit = TimeUnit.SECONDS)
class PodToPodPipeIT {
    private static final Duration TIMEOUT = Duration.ofMinutes(2);
    private static final long ROWS = 200_000;
    private static InProcessCluster cluster;
    private static PostgresServer source;
    private static PostgresServer target;
    private static PodExecCommandRunner sourcePod;
    private static PodExecCommandRunner targetPod;

    @BeforeAll
    static void start() {
        cluster = InProcessCluster.start();
        source = PostgresServers.start(PostgresServers.LOCAL_TOOLS_MAJOR);
        target = PostgresServers.start(17);
        source.createDatabase("app");
        source.execute("app", """
                CREATE SCHEMA "League";
                CREATE TABLE "League"."Game Scores" (id bigint PRIMARY KEY, team text NOT NULL, points int);
                INSERT INTO "League"."Game Scores" SELECT g, 'team ' || (g %% 30), g %% 140 FROM generate_series(1, %d) g;
                CREATE TABLE public.players (id serial PRIMARY KEY, name text);
                INSERT INTO public.players (name) SELECT 'p' || g FROM generate_series(1, 1000) g;
                """.formatted(ROWS));
        cluster.bindPod("basketball-api", "postgres-0", PodEnvironment.postgres(source));
        cluster.bindPod("postgres", "pal-e-postgres-1", PodEnvironment.postgres(target));
        sourcePod = new PodExecCommandRunner(cluster.client(), new PodRef("basketball-api", "postgres-0", "postgres"));
        targetPod = PodExecCommandRunner.cnpgPrimary(cluster.client(), "postgres", "pal-e-postgres-1");
    }

    @AfterAll
    static void stop() {
        cluster.close();
        source.close();
        target.close();
    }

    @Test
    void pipesThreeHundredMegabytesIntoAPodThroughASpooledUploadAndChecksBothExitCodes() {
        PodToPodPipe pipe = new PodToPodPipe(sourcePod, new SpooledUploadCommandRunner(targetPod), Clock.systemUTC(), TIMEOUT);
        // The restore side exits 0 only if it received every byte and then saw the end of its input.
        PipeResult result = pipe.run(CommandSpec.of("head", "-c", "300000000", "/dev/zero"),
                CommandSpec.of("sh", "-c", "test \"$(wc -c)\" -eq 300000000"));
        assertThat(result.bytes()).isEqualTo(300_000_000L);
    }

    @Test
    void aRestoreSideThatFailsIsNamedWithItsExitCodeAndStderr() {
        PodToPodPipe pipe = new PodToPodPipe(sourcePod, new SpooledUploadCommandRunner(targetPod), Clock.systemUTC(), TIMEOUT);
        assertThatThrownBy(() -> pipe.run(CommandSpec.of("head", "-c", "1000000", "/dev/zero"),
                CommandSpec.of("sh", "-c", "n=$(wc -c); echo \"pg_restore: error: got $n bytes\" >&2; exit 5")))
                .isInstanceOf(CommandFailedException.class)
                .hasMessageContaining("sh in pod 'postgres/pal-e-postgres-1' container 'postgres'")
                .hasMessageContaining("exited 5")
                .hasMessageContaining("got 1000000 bytes");
    }

    @Test
    void aDumpSideThatFailsIsNamedEvenWhenTheRestoreSucceeded() {
        PodToPodPipe pipe = new PodToPodPipe(sourcePod, new SpooledUploadCommandRunner(targetPod), Clock.systemUTC(), TIMEOUT);
        assertThatThrownBy(() -> pipe.run(
                CommandSpec.of("sh", "-c", "head -c 5000 /dev/zero; echo 'pg_dump: error: connection lost' >&2; exit 1"),
                CommandSpec.of("sh", "-c", "cat > /dev/null")))
                .isInstanceOf(CommandFailedException.class)
                .hasMessageContaining("sh in pod 'basketball-api/postgres-0' container 'postgres' exited 1")
                .hasMessageContaining("connection lost")
                .satisfies(e -> assertThat(((CommandFailedException) e).exitCode()).isEqualTo(1));
    }

    @Test
    void restoresAPgDumpFromTheSourcePodIntoTheTargetPodThroughASpooledUpload() throws SQLException {
        target.createDatabase("app_upload");
        PodToPodPipe pipe = new PodToPodPipe(sourcePod, new SpooledUploadCommandRunner(targetPod), Clock.systemUTC(), TIMEOUT);
        pipe.run(CommandSpec.of("pg_dump", "-Fc", "-d", "app"),
                CommandSpec.of("pg_restore", "-U", "postgres", "--no-owner", "--exit-on-error", "-d", "app_upload"));
        assertSameRows("app_upload");
    }

    @Test
    void restoresAPgDumpFromTheSourcePodWithALocalPgRestoreThroughAPortForward() throws SQLException {
        target.createDatabase("app_forward");
        try (PodPortForward forward = PodPortForward.open(cluster.client(), "postgres", "pal-e-postgres-1", 5432)) {
            PodToPodPipe pipe = new PodToPodPipe(sourcePod, new LocalCommandRunner(), Clock.systemUTC(), TIMEOUT);
            pipe.run(CommandSpec.of("pg_dump", "-Fc", "-d", "app"),
                    CommandSpec.of("pg_restore", "-h", forward.host(), "-p", Integer.toString(forward.localPort()),
                            "-U", "postgres", "--no-owner", "--exit-on-error", "-d", "app_forward"));
            assertThat(forward.host()).isEqualTo("127.0.0.1");
        }
        assertSameRows("app_forward");
    }

    @Test
    void runsPsqlInTheCnpgPrimaryAsThePostgresUserWithoutAPassword() throws Exception {
        try (var cmd = targetPod.start(PodShellCommands.cnpgPsql("postgres", "-tAc", "SELECT current_user || ' ' || 6 * 7"))) {
            assertThat(new String(cmd.stdout().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).trim())
                    .isEqualTo("postgres 42");
            assertThat(cmd.waitFor(TIMEOUT)).isZero();
            assertThat(cmd.where()).isEqualTo("in pod 'postgres/pal-e-postgres-1' container 'postgres'");
        }
    }

    private static void assertSameRows(String targetDb) throws SQLException {
        for (String table : new String[] {"\"League\".\"Game Scores\"", "public.players"}) {
            assertThat(count(target, targetDb, table)).as(table).isEqualTo(count(source, "app", table)).isPositive();
        }
    }

    private static long count(PostgresServer server, String db, String table) throws SQLException {
        try (var c = server.connect(db); var rs = c.createStatement().executeQuery("SELECT count(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
