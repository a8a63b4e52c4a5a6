package dev.rehome.basketball.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rehome.basketball.live.LiveBasketballWorld.Run;
import dev.rehome.testkit.PostgresServer;
import dev.rehome.testkit.PostgresServers;
import dev.rehome.testkit.fixtures.BasketballFixture;
import io.fabric8.kubernetes.api.model.EnvVar;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Issue 11's kill cells for every source shape, through the CLI as a platform engineer runs it (a JVM of its own,
 * the mock API with exec and port-forward emulation, the ConfigMap journal, the Lease): SIGTERM while the copy runs,
 * then {@code kill -9} while the copy runs and {@code rollback}; after each the app runs on its old database with
 * its original env and replica count, the source is open to the app's login and its data unchanged. Then the same
 * plan with no failure completes. Shape A (official image) has the same cells and more in {@link KilledCliIT}.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SourceShapesKilledCliIT {
    private static final Clock CLOCK = Clock.systemUTC();

    @TempDir
    Path dir;
    private PostgresServer source;
    private PostgresServer target;

    @BeforeAll
    void startServers() {
        source = PostgresServers.start(PostgresServers.LOCAL_TOOLS_MAJOR);
        target = PostgresServers.start(17);
    }

    @AfterAll
    void stopServers() {
        if (source != null) {
            source.close();
        }
        if (target != null) {
            target.close();
        }
    }

    @ParameterizedTest(name = "{0}: SIGTERM and kill -9 mid-copy leave the app on its old database; then it moves")
    @EnumSource(value = LiveSourceShape.class, names = "A_OFFICIAL_APP_IS_SUPERUSER", mode = EnumSource.Mode.EXCLUDE)
    void killsMidCopyLeaveTheAppOnItsOldDatabaseAndTheSamePlanThenCompletes(LiveSourceShape shape) throws Exception {
        LiveBasketballWorld.seedSource(source, shape);
        LiveBasketballWorld.clearTarget(target);
        try (LiveBasketballWorld world = LiveBasketballWorld.start(source, target, dir, CLOCK, shape)) {
            world.admitApp();
            SeparateJvm jvm = new SeparateJvm(world, dir);
            List<EnvVar> envBefore = jvm.appEnv();

            Process child = jvm.start("sigterm", world.migrate());
            String seen = jvm.awaitJournal(child, "copy");
            child.destroy(); // SIGTERM
            assertThat(child.waitFor(120, TimeUnit.SECONDS)).as("stopped within the grace").isTrue();
            String out = jvm.output("sigterm");
            assertThat(child.exitValue()).as("seen at the signal: " + seen + "\n" + out).isEqualTo(143);
            assertThat(jvm.journalLine("migrator.rollback")).as(out).isEqualTo("fact.migrator.rollback=finished");
            assertOnItsOldDatabase(jvm, envBefore, "after SIGTERM");

            String killedAt = jvm.killInside("copy");
            Run rollback = LiveBasketballWorld.run(dir, CLOCK, world.args("rollback", "--yes"));
            assertThat(rollback.code()).as("killed at " + killedAt + "\n" + rollback.err() + rollback.out()).isZero();
            assertOnItsOldDatabase(jvm, envBefore, "after kill -9 and rollback");

            Run migrate = LiveBasketballWorld.run(dir, CLOCK, world.migrate());
            assertThat(migrate.code()).as(migrate.err() + migrate.out()).isZero();
            assertThat(migrate.out()).contains("**Result:** moved and verified");
            try (Connection c = target.connect("basketball")) {
                assertThat(SeparateJvm.players(c)).isEqualTo(BasketballFixture.PLAYERS);
            }
        }
    }

    private void assertOnItsOldDatabase(SeparateJvm jvm, List<EnvVar> envBefore, String when) throws SQLException {
        assertThat(jvm.replicas()).as(when + ": the app's replicas").isEqualTo(1);
        assertThat(jvm.appEnv()).as(when + ": the app's env").isEqualTo(envBefore);
        try (Connection c = SeparateJvm.appLogin(source)) {
            assertThat(SeparateJvm.players(c)).as(when + ": the source, open to the app's login, holds its data")
                    .isEqualTo(BasketballFixture.PLAYERS);
        }
        try (Connection c = source.connect("postgres"); var s = c.createStatement();
             var rs = s.executeQuery("SELECT count(*) FROM pg_catalog.pg_roles WHERE rolname LIKE 'rehome\\_%'")) {
            rs.next();
            assertThat(rs.getLong(1)).as(when + ": no migration role left").isZero();
        }
    }
}
