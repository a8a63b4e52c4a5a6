package dev.rehome.cutover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rehome.core.DatabaseEndpoint;
import dev.rehome.core.MigrationListener;
import dev.rehome.core.JournalState;
import dev.rehome.core.Secret;
import dev.rehome.core.StepResult;
import dev.rehome.core.StepStatus;
import dev.rehome.core.Verifier;
import dev.rehome.core.cutover.CutoverOutcome;
import dev.rehome.core.cutover.CutoverPorts;
import dev.rehome.core.cutover.EngineCatalog;
import dev.rehome.core.cutover.RunOptions;
import dev.rehome.core.cutover.SourceLogin;
import dev.rehome.jdbc.JdbcDirectEngine;
import dev.rehome.jdbc.verify.Verifiers;
import dev.rehome.sandbox.KubeSandbox;
import dev.rehome.testkit.PostgresServer;
import dev.rehome.testkit.fixtures.BasketballFixture;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 11's matrix, through the real Kubernetes adapters (mock API, fake kubelet, ConfigMap journal, Lease): for
 * each source shape the fence chosen from the logins at hand really stops the app's login, never rehome's, and
 * (1) a cutover with no failure completes, (2) a cutover that fails at any {@link FailurePoint} after the fence
 * ends with the app running on its old database with its original env and replica count, the source open to the
 * app's login again, and the data unchanged.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
@ExtendWith(SharedServers.Resolver.class)
class FenceShapesIT {
    private static final Clock CLOCK = Clock.systemUTC();
    private static final String OWNER = "basketball_owner";
    private static final Secret OWNER_PASSWORD = Secret.of("owner-pw-shape-d");

    /** The source shapes of issue 11, each as the logins rehome finds and the roles the source has. */
    enum Shape {
        /** Official image: the app logs in as a superuser, and that is the only login known. */
        A_APP_IS_SUPERUSER("ALTER ROLE 'basketball' NOLOGIN"),
        /** Bitnami: a non-superuser app role plus the postgres superuser's password. */
        B_BITNAMI_POSTGRES_PASSWORD("ALTER ROLE 'basketball' NOLOGIN"),
        /** Only the app's own non-superuser login, which owns the database. */
        C_ONLY_THE_OWNER_LOGIN("changes its own password"),
        /** A separate app role with grants; the database's owner is another role, whose login is known. */
        D_SEPARATE_OWNER("REVOKE CONNECT ON DATABASE 'basketball' FROM 'basketball'");

        final String fence;

        Shape(String fence) {
            this.fence = fence;
        }
    }

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(Shape.class)
    void aCutoverWithNoFailureCompletesAndTheFenceStopsTheAppsLogin(Shape shape, SharedServers servers) throws Exception {
        try (KubeSandbox sandbox = KubeSandbox.prepare(servers.source, servers.target, dir, CLOCK, n -> { })) {
            Secret appPassword = SandboxAppLogin.password(sandbox);
            List<SourceLogin> logins = shape(shape, servers.source, appPassword);
            CutoverRunner runner = runner(sandbox, logins, fullVerifier());

            assertThat(String.join("\n", render(runner))).contains(shape.fence);
            CutoverOutcome outcome = runner.migrate();

            assertThat(outcome.result().succeeded()).as(outcome.result().steps() + " " + outcome.notices()).isTrue();
            assertThat(count(servers.target.connect("basketball"), "players")).isEqualTo(BasketballFixture.PLAYERS);
            assertThat(SandboxAppLogin.canLogIn(servers.source, "basketball", appPassword))
                    .as("the old database stays fenced against the app after the cutover").isFalse();
        } finally {
            dropLeftovers(servers.source);
        }
    }

    static Stream<Arguments> everyShapeAtEveryFailurePoint() {
        return Arrays.stream(Shape.values())
                .flatMap(shape -> Arrays.stream(FailurePoint.values()).map(point -> Arguments.of(shape, point)));
    }

    @ParameterizedTest(name = "{0} failing at {1}")
    @MethodSource("everyShapeAtEveryFailurePoint")
    void aFailureAfterTheFenceLeavesTheAppRunningOnItsOldDatabaseAsBefore(Shape shape, FailurePoint point,
                                                                         SharedServers servers) throws Exception {
        try (KubeSandbox sandbox = KubeSandbox.prepare(servers.source, servers.target, dir, CLOCK, n -> { })) {
            Secret appPassword = SandboxAppLogin.password(sandbox);
            List<SourceLogin> logins = shape(shape, servers.source, appPassword);
            var client = sandbox.client();
            var deployments = client.apps().deployments().inNamespace("basketball-api");
            var envBefore = deployments.withName("basketball-api").get().getSpec().getTemplate().getSpec()
                    .getContainers().get(0).getEnv();
            FailurePoint.Injection injection = point.inject(new JdbcDirectEngine(CLOCK),
                    () -> rowsOf(servers.target));
            CutoverRunner runner = runner(sandbox, logins, injection);

            CutoverOutcome outcome = runner.migrate();

            assertThat(outcome.result().succeeded()).isFalse();
            assertThat(outcome.result().steps()).filteredOn(r -> r instanceof StepResult.Failed).first()
                    .as(outcome.result().steps().toString()).extracting(StepResult::stepId).isEqualTo(point.failedStep);
            assertThat(outcome.result().steps()).filteredOn(r -> r instanceof StepResult.RolledBack)
                    .extracting(StepResult::stepId).contains("quiesce", "provision");
            if (point == FailurePoint.MID_COPY) {
                assertThat(injection.targetRowsAtFailure().get()).as("rows reached the target before the copy broke")
                        .isPositive();
            }
            var app = deployments.withName("basketball-api").get();
            assertThat(app.getSpec().getReplicas()).as("replica count restored").isEqualTo(1);
            assertThat(app.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv())
                    .as("original env").isEqualTo(envBefore);
            assertThat(SandboxAppLogin.canLogIn(servers.source, "basketball", appPassword)).as("the source is open to the app's login")
                    .isTrue();
            try (Connection c = SandboxAppLogin.connect(servers.source, "basketball", appPassword)) {
                assertThat(count(c, "players")).as("data unchanged").isEqualTo(BasketballFixture.PLAYERS);
            }
            assertThat(count(servers.source.connect("postgres"), "pg_catalog.pg_roles WHERE rolname LIKE 'rehome\\_%'"))
                    .as("the migration role, if any, is gone").isZero();
            assertThat(client.secrets().inNamespace("basketball-api").list().getItems())
                    .as("the fence secret is gone with the fence")
                    .noneMatch(s -> s.getMetadata().getName().startsWith("rehome-fence-"));
            assertThat(count(servers.target.connect("postgres"), "pg_catalog.pg_database WHERE datname = 'basketball'"))
                    .as("the new home's database, half-built or whole, is dropped").isZero();
            JournalState journal = runner.status();
            assertThat(journal.steps()).as("the journal: every step that ran is rolled back")
                    .allMatch(r -> r.status() == StepStatus.ROLLED_BACK, "rolled back");
            assertThat(journal.facts()).containsEntry("migrator.rollback", "finished");
        } finally {
            dropLeftovers(servers.source);
        }
    }

    @org.junit.jupiter.api.Test
    void withNoLoginThatCanFenceSafelyPreflightRefusesNamingTheCredentialAndChangesNothing(SharedServers servers)
            throws Exception {
        try (KubeSandbox sandbox = KubeSandbox.prepare(servers.source, servers.target, dir, CLOCK, n -> { })) {
            Secret appPassword = SandboxAppLogin.password(sandbox);
            shape(Shape.D_SEPARATE_OWNER, servers.source, appPassword);
            // Only the owner: it could revoke CONNECT but may not end the app's open sessions.
            List<SourceLogin> ownerOnly = List.of(new SourceLogin(OWNER, OWNER_PASSWORD, "the owner's Secret"));

            CutoverOutcome outcome = runner(sandbox, ownerOnly, fullVerifier()).migrate();

            assertThat(outcome.result().succeeded()).isFalse();
            assertThat(outcome.result().steps().get(0)).isInstanceOfSatisfying(dev.rehome.core.StepResult.Failed.class,
                    f -> {
                        assertThat(f.stepId()).isEqualTo("preflight");
                        assertThat(f.cause()).isInstanceOf(dev.rehome.core.RefusedException.class)
                                .hasMessageContaining("no safe fence").hasMessageContaining("provide")
                                .hasMessageContaining("password of the app role 'basketball'");
                    });
            assertThat(sandbox.client().apps().deployments().inNamespace("basketball-api").withName("basketball-api")
                    .get().getSpec().getReplicas()).as("the app untouched").isEqualTo(1);
            assertThat(SandboxAppLogin.canLogIn(servers.source, "basketball", appPassword)).isTrue();
        } finally {
            dropLeftovers(servers.source);
        }
    }

    private static CutoverRunner runner(KubeSandbox sandbox, List<SourceLogin> logins, Verifier verifier) {
        return runner(sandbox, logins, new FailurePoint.Injection(UnaryOperator.identity(), new JdbcDirectEngine(CLOCK),
                verifier, FailurePoint.Injection.unseen()));
    }

    private static CutoverRunner runner(KubeSandbox sandbox, List<SourceLogin> logins, FailurePoint.Injection run) {
        EngineCatalog engines = new EngineCatalog(Map.of("jdbc-direct", run::engine));
        CutoverPorts ports = sandbox.ports(engines, run.verifier(), databases -> databases.withSourceLogins(logins));
        RunOptions options = RunOptions.defaults("fence-shapes").withGitopsDir(sandbox.deploymentsRepo())
                .withEngine("jdbc-direct");
        return new CutoverRunner(sandbox.config(), ports, options, MigrationListener.NONE, CLOCK, run.decorate());
    }

    private static Verifier fullVerifier() {
        return Verifier.allOf(Verifiers.forLevel(Verifiers.FULL));
    }

    private static List<String> render(CutoverRunner runner) {
        return runner.preview().steps().stream().flatMap(s -> s.changes().stream()).toList();
    }

    /** Shapes the seeded source (app role 'basketball', tables owned by postgres with grants) and names the logins. */
    private static List<SourceLogin> shape(Shape shape, PostgresServer source, Secret appPassword) {
        SourceLogin app = new SourceLogin("basketball", appPassword, "the app's connection Secret");
        return switch (shape) {
            case A_APP_IS_SUPERUSER -> {
                source.execute("postgres", "ALTER ROLE basketball SUPERUSER");
                yield List.of(app);
            }
            case B_BITNAMI_POSTGRES_PASSWORD -> List.of(app, new SourceLogin("postgres", Secret.empty(),
                    "POSTGRESQL_POSTGRES_PASSWORD"));
            case C_ONLY_THE_OWNER_LOGIN -> {
                source.execute("postgres", "ALTER DATABASE basketball OWNER TO basketball");
                yield List.of(app);
            }
            case D_SEPARATE_OWNER -> {
                source.createLoginRole(OWNER, OWNER_PASSWORD, "basketball");
                source.execute("postgres", "ALTER DATABASE basketball OWNER TO " + OWNER);
                source.execute("basketball", "REVOKE CONNECT ON DATABASE basketball FROM PUBLIC; "
                        + "GRANT CONNECT ON DATABASE basketball TO basketball; "
                        + "GRANT SELECT ON ALL TABLES IN SCHEMA public TO " + OWNER + "; "
                        + "GRANT SELECT ON ALL SEQUENCES IN SCHEMA public TO " + OWNER);
                yield List.of(new SourceLogin(OWNER, OWNER_PASSWORD, "the owner's Secret"), app);
            }
        };
    }

    private static long count(Connection c, String table) throws SQLException {
        try (c; var s = c.createStatement(); var rs = s.executeQuery("SELECT count(*) FROM " + (table.contains(".") ? table : "public." + table))) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Rows in every table of the target's public schema, committed so far. */
    private static long rowsOf(PostgresServer target) {
        String sql = "SELECT coalesce(sum((xpath('/row/n/text()', query_to_xml(format('SELECT count(*) AS n FROM %I.%I',"
                + " schemaname, tablename), false, true, '')))[1]::text::bigint), 0) FROM pg_catalog.pg_tables"
                + " WHERE schemaname = 'public'";
        try (Connection c = target.connect("basketball"); var s = c.createStatement(); var rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Roles a run leaves on the shared server when its cutover succeeded (the fence holds until retire). */
    private static void dropLeftovers(PostgresServer source) {
        source.execute("postgres", "DROP DATABASE IF EXISTS basketball WITH (FORCE)");
        source.execute("postgres", "DO $$DECLARE r text; BEGIN FOR r IN SELECT rolname FROM pg_roles WHERE rolname"
                + " LIKE 'rehome\\_%' OR rolname = '" + OWNER + "' LOOP EXECUTE format('DROP ROLE %I', r); END LOOP; END$$");
        source.execute("postgres", "DROP ROLE IF EXISTS basketball");
    }
}
