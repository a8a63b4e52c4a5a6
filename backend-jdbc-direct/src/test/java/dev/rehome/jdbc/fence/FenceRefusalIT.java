package dev.rehome.jdbc.fence;

import static dev.rehome.jdbc.fence.FenceFixtures.q;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rehome.core.ErrorCode;
import dev.rehome.core.MigrationException;
import dev.rehome.core.Secret;
import dev.rehome.testkit.PostgresServer;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * When no safe fence is possible with the credentials found, the planner refuses and names what to provide, with
 * nothing changed on the server; when an applied fence turns out not to hold, it is lifted again at once.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class FenceRefusalIT {
    private static final AtomicInteger SEQ = new AtomicInteger();

    @ParameterizedTest(name = "PG {0}")
    @ValueSource(ints = {15, 16})
    void anOwnerThatMayNotEndTheAppsSessionsWithoutTheAppLoginIsRefusedWithNothingChanged(int major) throws Exception {
        PostgresServer server = FenceIT.server(major);
        String tag = "r" + major + "-" + SEQ.incrementAndGet();
        FenceFixtures.Fixture f = FenceFixtures.create(server, FenceFixtures.Shape.D_OWNER_AND_APP, tag);
        List<FenceLogin> ownerOnly = f.held().stream().filter(l -> !l.role().equals(f.appRole())).toList();
        String before = catalog(server);

        FencePlan plan = FencePlanner.choose(new SourceFence(Clock.systemUTC())
                .inspect(new FenceCredentials(f.server(), ownerOnly, Secret.empty()), f.appRole()));

        assertThat(plan).isInstanceOfSatisfying(FencePlan.Refuse.class, r -> {
            assertThat(r.reason()).contains("may not end the open sessions of '" + f.appRole() + "'");
            assertThat(r.provide()).contains("password of the app role '" + f.appRole() + "'");
        });
        assertThat(catalog(server)).isEqualTo(before);
    }

    @ParameterizedTest(name = "PG {0}")
    @ValueSource(ints = {15, 16})
    void aSuperuserAppWithOnlyAnUnprivilegedLoginHeldIsRefusedNamingTheSuperuserPassword(int major) throws Exception {
        PostgresServer server = FenceIT.server(major);
        String tag = "r" + major + "-" + SEQ.incrementAndGet();
        FenceFixtures.Fixture f = FenceFixtures.create(server, FenceFixtures.Shape.A_SUPERUSER_APP, tag);
        Secret readerPw = Secret.of("reader-pw-" + tag);
        server.createLoginRole("reader " + tag, readerPw, "postgres");
        String before = catalog(server);

        FencePlan plan = FencePlanner.choose(new SourceFence(Clock.systemUTC()).inspect(new FenceCredentials(
                f.server(), List.of(new FenceLogin("reader " + tag, readerPw, "a reader")), Secret.empty()), f.appRole()));

        assertThat(plan).isInstanceOfSatisfying(FencePlan.Refuse.class,
                r -> assertThat(r.provide()).contains("password of superuser '" + f.appRole() + "'"));
        assertThat(catalog(server)).isEqualTo(before);
    }

    /**
     * The app role reaches CONNECT through a group role, which revoking from the app and PUBLIC does not touch:
     * the probe finds the app's login still accepted, the fence is lifted again and the app keeps writing.
     */
    @ParameterizedTest(name = "PG {0}")
    @ValueSource(ints = {15, 16})
    void aFenceThatDoesNotHoldIsLiftedAgainAndTheAppKeepsWorking(int major) throws Exception {
        PostgresServer server = FenceIT.server(major);
        String tag = "r" + major + "-" + SEQ.incrementAndGet();
        FenceFixtures.Fixture f = FenceFixtures.create(server, FenceFixtures.Shape.D_OWNER_AND_APP, tag);
        server.execute("postgres", "CREATE ROLE " + q("writers " + tag) + " NOLOGIN; GRANT " + q("writers " + tag)
                + " TO " + q(f.appRole()) + "; GRANT CONNECT ON DATABASE " + q(f.database()) + " TO " + q("writers " + tag));
        SourceFence fence = new SourceFence(Clock.systemUTC());
        Secret fenceSecret = FenceCredentials.newFenceSecret(new SecureRandom());
        FenceCredentials creds = new FenceCredentials(f.server(), f.held(), fenceSecret);
        FencePlan plan = FencePlanner.choose(fence.inspect(creds, f.appRole()));
        assertThat(plan).isInstanceOf(FencePlan.RevokeConnect.class);
        FenceHandle handle = FenceHandle.of((FencePlan.Fence) plan, "it-" + tag);

        assertThatThrownBy(() -> fence.fence(handle, creds))
                .isInstanceOfSatisfying(MigrationException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(ErrorCode.FAILED);
                    assertThat(e.getMessage()).contains("does not hold").contains("still gets into")
                            .contains("lifted again");
                    f.passwords().forEach(pw -> assertThat(e.getMessage()).doesNotContain(pw));
                    assertThat(e.getMessage()).doesNotContain(fenceSecret.reveal());
                });

        try (Connection app = FenceIT.open(f.appEndpoint())) {
            FenceIT.insert(app, 7);
        }
        try (Connection c = server.connect("postgres"); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT has_database_privilege('public', " + FenceFixtures.literal(f.database())
                     + ", 'CONNECT')")) {
            rs.next();
            assertThat(rs.getBoolean(1)).as("PUBLIC's CONNECT is back").isTrue();
        }
    }

    /**
     * Only the app's non-superuser login is held, and another role has a session open in the database: the app
     * may not end it, so the fence cannot prove the database is quiet; it is lifted again and says whose session.
     */
    @ParameterizedTest(name = "PG {0}")
    @ValueSource(ints = {15, 16})
    void aSessionTheFenceMayNotEndFailsTheFenceAndLiftsIt(int major) throws Exception {
        PostgresServer server = FenceIT.server(major);
        String tag = "r" + major + "-" + SEQ.incrementAndGet();
        FenceFixtures.Fixture f = FenceFixtures.create(server, FenceFixtures.Shape.C_OWNER_APP_ONLY, tag);
        Secret otherPw = Secret.of("other-pw-" + tag);
        var other = server.createLoginRole("other " + tag, otherPw, f.database());
        SourceFence fence = new SourceFence(Clock.systemUTC());
        FenceCredentials creds = new FenceCredentials(f.server(), f.held(),
                FenceCredentials.newFenceSecret(new SecureRandom()));
        FenceHandle handle = FenceHandle.of((FencePlan.Fence) FencePlanner.choose(fence.inspect(creds, f.appRole())),
                "it-" + tag);

        try (Connection stray = FenceIT.open(other)) {
            assertThatThrownBy(() -> fence.fence(handle, creds)).isInstanceOfSatisfying(MigrationException.class, e -> {
                assertThat(e.errorCode()).isEqualTo(ErrorCode.FAILED);
                assertThat(e.getMessage()).contains("still connected").contains("other " + tag).contains("lifted again");
            });
            assertThat(stray.isValid(2)).as("the stray session was not ours to end").isTrue();
        }
        try (Connection app = FenceIT.open(f.appEndpoint())) {
            FenceIT.insert(app, 9);
        }
    }

    /** Roles and database ACLs of the whole server: what a refusal must leave exactly as it was. */
    private static String catalog(PostgresServer server) throws Exception {
        try (Connection c = server.connect("postgres"); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT string_agg(rolname || ':' || rolcanlogin || ':' || rolsuper, ',' "
                     + "ORDER BY rolname) || '|' || (SELECT string_agg(datname || ':' || coalesce(datacl::text, '-'), ',' "
                     + "ORDER BY datname) FROM pg_database) FROM pg_roles")) {
            rs.next();
            return rs.getString(1);
        }
    }
}
