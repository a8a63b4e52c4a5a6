package dev.rehome.kubectl.exec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rehome.core.Secret;
import dev.rehome.core.tls.TlsMode;
import dev.rehome.testkit.PostgresServer;
import dev.rehome.testkit.PostgresServers;
import dev.rehome.testkit.tls.TestCa;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The copy Job's container as a kubelet would run it, with the real pg_dump and pg_restore: its command under
 * {@code sh}, its literal env, the passwords its {@code secretKeyRef}s name, and the CA Secret's {@code ca.crt} at the
 * mount path (here a local file, the one thing rewritten). The source is a plain server, as standalone databases
 * are; the target has {@code ssl=on} with a certificate a test CA issued for {@code localhost}, the name the Job is
 * told to use. verify-full must move the data when the CA is the target's and fail in pg_restore, writing nothing,
 * when it is another or the name differs; pg_dump must not get the target's TLS (it would fail against the plain
 * source).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class DumpRestoreScriptTlsIT {
    private static final Clock CLOCK = Clock.systemUTC();
    private static final Secret SOURCE_PASSWORD = Secret.of("src-Pa55-in-env-only");
    private static final Secret TARGET_PASSWORD = Secret.of("dst-Pa55-in-env-only");
    private static TestCa targetCa;
    private static PostgresServer source;
    private static PostgresServer target;

    @TempDir
    static Path dir;

    @BeforeAll
    static void start() {
        targetCa = TestCa.generate("pal-e-postgres CA", CLOCK);
        source = PostgresServers.start(PostgresServers.LOCAL_TOOLS_MAJOR);
        target = PostgresServers.startTls(PostgresServers.LOCAL_TOOLS_MAJOR, targetCa.issueServer(List.of("localhost")));
        source.createLoginRole("app", SOURCE_PASSWORD, "app");
        source.execute("postgres", "CREATE DATABASE app OWNER app");
        source.execute("app", "SET ROLE app; CREATE TABLE t (id int PRIMARY KEY); INSERT INTO t SELECT generate_series(1, 500)");
        target.createLoginRole("app", TARGET_PASSWORD, "postgres");
    }

    @AfterAll
    static void stop() {
        if (source != null) {
            source.close();
        }
        if (target != null) {
            target.close();
        }
    }

    @Test
    void verifyFullWithTheTargetsCaMovesTheDataWhilePgDumpTalksPlainToTheSource() throws Exception {
        Run run = run("moved", new JobTls(TlsMode.VERIFY_FULL, "pal-e-postgres-ca", "localhost"),
                targetCa.writeCertificate(dir.resolve("right-ca.crt")));

        assertThat(run.exit()).as(run.stderr()).isZero();
        assertThat(run.stderr()).contains("rehome: pg_dump exited 0, pg_restore exited 0");
        assertThat(rows("moved")).isEqualTo(500);
    }

    @Test
    void aCertificateFromAnotherCaFailsPgRestoreAndNothingIsWritten() throws Exception {
        Path otherCa = TestCa.generate("someone else's CA", CLOCK).writeCertificate(dir.resolve("other-ca.crt"));
        Run run = run("other_ca", new JobTls(TlsMode.VERIFY_FULL, "pal-e-postgres-ca", "localhost"), otherCa);

        assertThat(run.exit()).isNotZero();
        assertThat(run.stderr()).contains("certificate verify failed").contains("rehome: pg_restore exited");
        assertThat(tables("other_ca")).isZero();
    }

    @Test
    void aCertificateThatDoesNotNameTheHostFailsPgRestoreAndNothingIsWritten() throws Exception {
        // The address instead of the name: the certificate names localhost only
        Run run = run("other_name", new JobTls(TlsMode.VERIFY_FULL, "pal-e-postgres-ca", "127.0.0.1"),
                targetCa.writeCertificate(dir.resolve("right-ca-2.crt")));

        assertThat(run.exit()).isNotZero();
        assertThat(run.stderr()).contains("does not match host name \"127.0.0.1\"").contains("rehome: pg_restore exited");
        assertThat(tables("other_name")).isZero();
    }

    @Test
    void requireEncryptsWithoutACaToCheckAgainst() throws Exception {
        Run run = run("required", new JobTls(TlsMode.REQUIRE, "pal-e-postgres-ca", "localhost"), null);

        assertThat(run.exit()).as(run.stderr()).isZero();
        assertThat(rows("required")).isEqualTo(500);
    }

    private record Run(int exit, String stderr) {
    }

    /** Runs the Job built for a copy into the new database {@code db}; {@code caFile} plays the mounted Secret. */
    private static Run run(String db, JobTls tls, Path caFile) throws Exception {
        target.execute("postgres", "CREATE DATABASE " + db + " OWNER app");
        DumpRestoreJobSpec spec = new DumpRestoreJobSpec("postgres", "rehome-copy-" + db.replace('_', '-'), "image",
                new JobDatabase("localhost", source.port(), "app", "app", new SecretKeyRef("creds", "source-password")),
                new JobDatabase("localhost", target.port(), db, "app", new SecretKeyRef("creds", "target-password")),
                tls, Optional.empty(), Duration.ofMinutes(1), Duration.ofMinutes(1));
        Job job = DumpRestoreJobManifest.build(spec);
        Container container = job.getSpec().getTemplate().getSpec().getContainers().get(0);
        Map<String, String> secrets = Map.of("source-password", SOURCE_PASSWORD.reveal(),
                "target-password", TARGET_PASSWORD.reveal());
        ProcessBuilder pb = new ProcessBuilder(container.getCommand());
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("PG"));
        for (EnvVar e : container.getEnv()) {
            String value = e.getValue() != null ? e.getValue() : secrets.get(e.getValueFrom().getSecretKeyRef().getKey());
            boolean mounted = container.getVolumeMounts().stream().anyMatch(m -> value.startsWith(m.getMountPath() + "/"));
            env.put(e.getName(), mounted ? caFile.toString() : value);
        }
        pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        Process p = pb.start();
        String stderr = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Run(p.waitFor(), stderr);
    }

    private static long rows(String db) throws SQLException {
        return count(db, "SELECT count(*) FROM public.t");
    }

    private static long tables(String db) throws SQLException {
        return count(db, "SELECT count(*) FROM pg_catalog.pg_tables WHERE schemaname = 'public'");
    }

    private static long count(String db, String sql) throws SQLException {
        try (Connection c = target.connect(db); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
