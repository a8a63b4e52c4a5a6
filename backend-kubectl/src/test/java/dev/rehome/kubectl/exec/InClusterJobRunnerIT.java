package dev.rehome.kubectl.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rehome.core.CommandFailedException;
import dev.rehome.core.CopyOptions;
import dev.rehome.core.CopyRequest;
import dev.rehome.core.CopyResult;
import dev.rehome.core.DatabaseEndpoint;
import dev.rehome.core.MigrationListener;
import dev.rehome.core.OperationFailedException;
import dev.rehome.core.Secret;
import dev.rehome.testkit.PostgresServer;
import dev.rehome.testkit.PostgresServers;
import dev.rehome.testkit.kube.InProcessCluster;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The in-cluster Job end to end: the fake kubelet runs the Job's real shell script with the machine's pg_dump and
 * pg_restore between two embedded servers, with passwords resolved from Secrets as a kubelet would.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class InClusterJobRunnerIT {
    private static final String NS = "postgres";
    private static final Secret SOURCE_PASSWORD = Secret.of("src-Pa55-canary");
    private static final Secret TARGET_PASSWORD = Secret.of("dst-Pa55-canary");
    private static InProcessCluster cluster;
    private static PostgresServer source;
    private static PostgresServer target;

    @BeforeAll
    static void start() {
        cluster = InProcessCluster.start();
        cluster.startKubelet(Clock.systemUTC());
        source = PostgresServers.start(PostgresServers.LOCAL_TOOLS_MAJOR);
        target = PostgresServers.start(17);
        source.createLoginRole("basketball", SOURCE_PASSWORD, "postgres");
        source.execute("postgres", "CREATE DATABASE basketball OWNER basketball TEMPLATE template0");
        source.execute("basketball", """
                SET ROLE basketball;
                CREATE TABLE public."Games" (id bigint PRIMARY KEY, home text, score int GENERATED ALWAYS AS (id % 100) STORED);
                INSERT INTO public."Games" (id, home) SELECT g, 'team ' || g FROM generate_series(1, 50000) g;
                """);
        target.createLoginRole("basketball", TARGET_PASSWORD, "postgres");
        cluster.client().resource(new SecretBuilder().withNewMetadata().withName("copy-creds").withNamespace(NS).endMetadata()
                .addToStringData("source-password", SOURCE_PASSWORD.reveal())
                .addToStringData("target-password", TARGET_PASSWORD.reveal())
                .addToStringData("wrong", "not-the-password").build()).create();
    }

    @AfterAll
    static void stop() {
        cluster.close();
        source.close();
        target.close();
    }

    @Test
    void copiesTheDatabaseInsideTheClusterWithSecretProvidedPasswords() throws SQLException {
        createTargetDatabase("job_ok");
        JobRun run = new InClusterJobRunner(cluster.client(), Clock.systemUTC()).run(spec("copy-ok", "job_ok", "source-password"));
        assertThat(run.describe()).isEqualTo("in Job 'postgres/copy-ok'");
        assertThat(count(target, "job_ok")).isEqualTo(50_000);
        var job = cluster.client().batch().v1().jobs().inNamespace(NS).withName("copy-ok").get();
        assertThat(job.getStatus().getSucceeded()).isEqualTo(1);
        assertThat(io.fabric8.kubernetes.client.utils.Serialization.asJson(job))
                .doesNotContain(SOURCE_PASSWORD.reveal()).doesNotContain(TARGET_PASSWORD.reveal());
    }

    @Test
    void aFailedDumpIsReportedWithTheLogTailAndWithoutThePassword() {
        createTargetDatabase("job_bad_login");
        assertThatThrownBy(() -> new InClusterJobRunner(cluster.client(), Clock.systemUTC())
                .run(spec("copy-bad-login", "job_bad_login", "wrong")))
                .isInstanceOf(CommandFailedException.class)
                .hasMessageContaining("pg_dump in Job 'postgres/copy-bad-login' exited 1")
                .hasMessageContaining("password authentication failed for user \"basketball\"")
                .hasMessageNotContaining("not-the-password")
                .hasMessageNotContaining(SOURCE_PASSWORD.reveal());
    }

    @Test
    void aJobNobodyRunsGivesUpAtTheDeadline() {
        try (InProcessCluster idle = InProcessCluster.start()) {
            DumpRestoreJobSpec spec = new DumpRestoreJobSpec(NS, "never-runs", "img",
                    database(source, "basketball", "copy-creds", "source-password"),
                    database(target, "job_idle", "copy-creds", "target-password"), PlainTarget.TLS,
                    Optional.empty(), Duration.ofSeconds(1), Duration.ofMinutes(5));
            // The runner waits the Job's own deadline plus 30 s of grace; a clock that jumps an hour after the start
            // puts the wait past it at once, without the test sleeping.
            assertThatThrownBy(() -> new InClusterJobRunner(idle.client(), new JumpingClock(Duration.ofHours(1))).run(spec))
                    .isInstanceOf(OperationFailedException.class)
                    .hasMessageContaining("Job postgres/never-runs did not finish within PT1S");
        }
    }

    @Test
    void theJobCopyEngineStagesPasswordsInATemporarySecretAndRemovesIt() throws SQLException {
        createTargetDatabase("engine_copy");
        InClusterCopy engine = new InClusterCopy(cluster.client(), Clock.systemUTC(), JobPlacement.of(NS, "ghcr.io/cloudnative-pg/postgresql:17",
                PlainTarget.TLS));
        CopyResult result = engine.copy(new CopyRequest(
                DatabaseEndpoint.of(source.host(), source.port(), "basketball", "basketball", SOURCE_PASSWORD),
                DatabaseEndpoint.of(target.host(), target.port(), "engine_copy", "basketball", TARGET_PASSWORD),
                CopyOptions.ofDefaults()), new MigrationListener() { });
        assertThat(result.engine()).isEqualTo("dump-restore-job");
        assertThat(count(target, "engine_copy")).isEqualTo(50_000);
        assertThat(cluster.client().secrets().inNamespace(NS).withLabel("app.kubernetes.io/managed-by", "rehome").list().getItems())
                .isEmpty();
    }

    private static DumpRestoreJobSpec spec(String name, String targetDb, String sourceKey) {
        return new DumpRestoreJobSpec(NS, name, "ghcr.io/cloudnative-pg/postgresql:17",
                database(source, "basketball", "copy-creds", sourceKey),
                database(target, targetDb, "copy-creds", "target-password"), PlainTarget.TLS,
                Optional.of("basketball"), Duration.ofMinutes(2), Duration.ofMinutes(5));
    }

    private static JobDatabase database(PostgresServer server, String db, String secret, String key) {
        return new JobDatabase(server.host(), server.port(), db, "basketball", new SecretKeyRef(secret, key));
    }

    private static void createTargetDatabase(String name) {
        target.execute("postgres", "CREATE DATABASE " + name + " OWNER basketball TEMPLATE template0");
    }

    private static long count(PostgresServer server, String db) throws SQLException {
        try (var c = server.connect(db); var rs = c.createStatement().executeQuery("SELECT count(*), sum(score) FROM public.\"Games\"")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Reads the real time once, then a fixed time {@code jump} later. */
    private static final class JumpingClock extends Clock {
        private final java.time.Instant start = java.time.Instant.now();
        private final Duration jump;
        private boolean read;

        JumpingClock(Duration jump) {
            this.jump = jump;
        }

        @Override
        public synchronized java.time.Instant instant() {
            java.time.Instant now = read ? start.plus(jump) : start;
            read = true;
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return java.time.ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
