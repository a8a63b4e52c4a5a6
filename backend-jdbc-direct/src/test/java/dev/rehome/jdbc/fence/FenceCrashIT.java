package dev.rehome.jdbc.fence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rehome.core.DatabaseEndpoint;
import dev.rehome.core.Secret;
import dev.rehome.jdbc.fence.FenceFixtures.Fixture;
import dev.rehome.jdbc.fence.FenceFixtures.Shape;
import dev.rehome.testkit.PostgresServer;
import dev.rehome.testkit.PostgresServers;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A process that dies after journaling the handle, or half-way through applying it, leaves only the journal's
 * text and the Secrets; a lift from those alone must restore the app, and must change nothing when nothing was
 * applied yet. Also the official image's default, where the app logs in as {@code postgres} itself, which the
 * test server trusts without a password: NOLOGIN stops even that.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class FenceCrashIT {
    private static final AtomicInteger SEQ = new AtomicInteger();

    @ParameterizedTest(name = "PG {0}")
    @ValueSource(ints = {15, 16})
    void aLiftBeforeAnythingWasAppliedChangesNothing(int major) throws Exception {
        PostgresServer server = FenceServers.get(major);
        Fixture f = FenceFixtures.create(server, Shape.A_SUPERUSER_APP, "k" + major + "-" + SEQ.incrementAndGet());
        FenceIT.RoleState before = FenceIT.RoleState.read(server, f);
        Secret secret = FenceCredentials.newFenceSecret(new SecureRandom());
        FenceCredentials creds = new FenceCredentials(f.server(), f.held(), secret);
        SourceFence fence = new SourceFence(Clock.systemUTC());
        FenceHandle handle = FenceHandle.of((FencePlan.Fence) FencePlanner.choose(fence.inspect(creds, f.appRole())),
                "crash-early-" + major);

        LiftReport report = new SourceFence(Clock.systemUTC()).lift(FenceHandle.decode(handle.encode()), creds);

        assertThat(report.complete()).as(report.toString()).isTrue();
        assertThat(FenceIT.RoleState.read(server, f)).isEqualTo(before);
        try (Connection app = FenceIT.open(f.appEndpoint())) {
            FenceIT.insert(app, 1);
        }
    }

    @ParameterizedTest(name = "PG {0}")
    @ValueSource(ints = {15, 16})
    void aLiftAfterACrashHalfWayThroughTheFenceRestoresTheApp(int major) throws Exception {
        PostgresServer server = FenceServers.get(major);
        for (Shape shape : List.of(Shape.A_SUPERUSER_APP, Shape.C_OWNER_APP_ONLY, Shape.D_OWNER_AND_APP)) {
            Fixture f = FenceFixtures.create(server, shape, "k" + major + "-" + SEQ.incrementAndGet());
            FenceIT.RoleState before = FenceIT.RoleState.read(server, f);
            Secret secret = FenceCredentials.newFenceSecret(new SecureRandom());
            FenceCredentials creds = new FenceCredentials(f.server(), f.held(), secret);
            SourceFence fence = new SourceFence(Clock.systemUTC());
            FenceHandle handle = FenceHandle.of((FencePlan.Fence) FencePlanner.choose(fence.inspect(creds, f.appRole())),
                    "crash-mid-" + major + "-" + shape.ordinal());
            String journal = handle.encode();
            // The process dies after the first action: apply only that one.
            FenceHandle firstStepOnly = new FenceHandle(handle.runId(), handle.database(), handle.appRole(),
                    handle.operatorRole(), handle.sessionRole(), handle.sessionUsesFenceSecret(),
                    handle.actions().subList(0, 1));
            applyIgnoringTheProbe(firstStepOnly, creds);

            LiftReport report = new SourceFence(Clock.systemUTC()).lift(FenceHandle.decode(journal), creds);

            assertThat(report.complete()).as(shape + ": " + report).isTrue();
            assertThat(FenceIT.RoleState.read(server, f)).as(shape.name()).isEqualTo(before);
            try (Connection app = FenceIT.open(f.appEndpoint())) {
                FenceIT.insert(app, 1);
            }
        }
    }

    @ParameterizedTest(name = "PG {0}")
    @ValueSource(ints = {15, 16})
    void applyingTheHandleAgainAfterACrashHalfWayCompletesTheFence(int major) throws Exception {
        PostgresServer server = FenceServers.get(major);
        for (Shape shape : List.of(Shape.A_SUPERUSER_APP, Shape.C_OWNER_APP_ONLY)) {
            Fixture f = FenceFixtures.create(server, shape, "k" + major + "-" + SEQ.incrementAndGet());
            FenceIT.RoleState before = FenceIT.RoleState.read(server, f);
            Secret secret = FenceCredentials.newFenceSecret(new SecureRandom());
            FenceCredentials creds = new FenceCredentials(f.server(), f.held(), secret);
            SourceFence fence = new SourceFence(Clock.systemUTC());
            FenceHandle handle = FenceHandle.of((FencePlan.Fence) FencePlanner.choose(fence.inspect(creds, f.appRole())),
                    "rerun-" + major + "-" + shape.ordinal());
            // Died after the second action: (a) migration role made and the app NOLOGIN; (c) password rotated, PUBLIC revoked.
            applyIgnoringTheProbe(new FenceHandle(handle.runId(), handle.database(), handle.appRole(),
                    handle.operatorRole(), handle.sessionRole(), handle.sessionUsesFenceSecret(),
                    handle.actions().subList(0, 2)), creds);

            new SourceFence(Clock.systemUTC()).fence(FenceHandle.decode(handle.encode()), creds);

            assertThatThrownBy(() -> FenceIT.open(f.appEndpoint())).as(shape + ": the app under the fence")
                    .isInstanceOf(dev.rehome.core.UnreachableException.class);
            try (Connection copy = new dev.rehome.jdbc.PgConnector("copy").open(fence.sessionEndpoint(handle, creds))) {
                assertThat(FenceIT.count(copy)).isZero();
            }
            assertThat(fence.lift(handle, creds).complete()).isTrue();
            assertThat(FenceIT.RoleState.read(server, f)).as(shape.name()).isEqualTo(before);
        }
    }

    /** A first step alone may not hold yet (a revoke before the terminate); the state on the server is what counts. */
    private static void applyIgnoringTheProbe(FenceHandle partial, FenceCredentials creds) {
        new FenceApplier(new FenceSessions(new dev.rehome.jdbc.PgConnector("t")),
                new SessionSweeper(Clock.systemUTC())).apply(partial, creds);
    }

    @ParameterizedTest(name = "PG {0}")
    @ValueSource(ints = {15, 16})
    void anAppLoggingInAsTrustedPostgresIsStoppedByNologinAndRestored(int major) throws Exception {
        try (PostgresServer server = PostgresServers.start(major)) {
            server.createDatabase("official");
            server.execute("official", "CREATE TABLE public.events (id bigint PRIMARY KEY, note text)");
            Secret postgresPw = Secret.of("official-postgres-pw-" + major);
            FenceLogin postgres = new FenceLogin("postgres", postgresPw, "POSTGRES_PASSWORD");
            DatabaseEndpoint db = server.endpoint("official");
            DatabaseEndpoint app = db.withPassword(postgresPw);
            Secret secret = FenceCredentials.newFenceSecret(new SecureRandom());
            FenceCredentials creds = new FenceCredentials(db, List.of(postgres), secret);
            SourceFence fence = new SourceFence(Clock.systemUTC());

            try (RetryingWriter writer = new RetryingWriter(app, 1)) {
                writer.awaitAcks(3);
                FencePlan plan = FencePlanner.choose(fence.inspect(creds, "postgres"));
                assertThat(plan).isInstanceOfSatisfying(FencePlan.DisableLogin.class,
                        p -> assertThat(p.migrationRole()).isTrue());
                FenceHandle handle = FenceHandle.of((FencePlan.Fence) plan, "official-" + major);
                fence.fence(handle, creds);
                long fencedAt = System.nanoTime();

                assertThatThrownBy(() -> server.connect("postgres")).as("trusted postgres under NOLOGIN")
                        .hasMessageContaining("not permitted to log in");
                try (Connection copy = new dev.rehome.jdbc.PgConnector("copy").open(fence.sessionEndpoint(handle, creds))) {
                    assertThat(FenceIT.count(copy)).isGreaterThanOrEqualTo(3);
                }
                writer.awaitAttemptsAfter(fencedAt, 10);
                assertThat(writer.attempts()).filteredOn(a -> a.startedNanos() > fencedAt)
                        .noneMatch(RetryingWriter.Attempt::acked);

                LiftReport report = new SourceFence(Clock.systemUTC()).lift(FenceHandle.decode(handle.encode()), creds);
                assertThat(report.complete()).as(report.toString()).isTrue();
                FenceIT.awaitAckAfter(writer, System.nanoTime());
            }
            assertThat(rehomeRoles(server)).isZero();
        }
    }

    private static long rehomeRoles(PostgresServer server) throws SQLException {
        try (Connection c = server.connect("postgres"); var s = c.createStatement();
             var rs = s.executeQuery("SELECT count(*) FROM pg_roles WHERE rolname LIKE 'rehome\\_%'")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
