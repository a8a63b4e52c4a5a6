package dev.rehome.basketball.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rehome.basketball.live.LiveBasketballWorld.Run;
import dev.rehome.testkit.PostgresServer;
import dev.rehome.testkit.PostgresServers;
import dev.rehome.testkit.fixtures.BasketballFixture;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Real kills: {@code rehome-basketball.jar migrate} runs as a separate JVM against the in-process cluster (mock API,
 * exec and port-forward emulation, ConfigMap journal, Lease) and gets {@code kill -9} (SIGKILL, nothing runs after
 * it) or SIGTERM once the journal shows a step running; then the end state is checked, after {@code migrate} or
 * {@code rollback} is run again: the data moved exactly once and the app on its new home, or the app back on its old
 * database with its env, its replicas and its login as before.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KilledCliIT {
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

    @BeforeEach
    void freshDatabases() {
        LiveBasketballWorld.seedSource(source);
        LiveBasketballWorld.clearTarget(target);
    }

    @ParameterizedTest(name = "kill -9 while {0} runs, then migrate again")
    @ValueSource(strings = {"quiesce", "copy", "verify", "repoint"})
    void aMigrateKilledInsideAStepIsFinishedByTheNextMigrate(String step) throws Exception {
        try (LiveBasketballWorld world = LiveBasketballWorld.start(source, target, dir, CLOCK)) {
            world.admitApp();
            SeparateJvm jvm = new SeparateJvm(world, dir);
            String killedAt = jvm.killInside(step);

            Run rerun = run(world.migrate());

            assertThat(rerun.code()).as("killed at " + killedAt + "\n" + rerun.err() + rerun.out()).isZero();
            assertThat(rerun.out()).contains("**Result:** moved and verified");
            assertThat(targetLong("SELECT count(*) FROM public.players")).isEqualTo(BasketballFixture.PLAYERS);
            assertThat(targetLong("SELECT count(*) FROM pg_catalog.pg_class WHERE relname = 'players'"))
                    .as("one copy of the data").isEqualTo(1);
            assertThat(appEnvSecret(jvm)).isEqualTo("basketball-db-pal-e-postgres");
            assertThat(jvm.replicas()).isEqualTo(1);
        }
    }

    @ParameterizedTest(name = "kill -9 while {0} runs, then rollback")
    @ValueSource(strings = {"quiesce", "copy", "verify"})
    void aMigrateKilledBeforeThePointOfNoReturnIsUndoneByRollback(String step) throws Exception {
        try (LiveBasketballWorld world = LiveBasketballWorld.start(source, target, dir, CLOCK)) {
            world.admitApp();
            SeparateJvm jvm = new SeparateJvm(world, dir);
            var envBefore = jvm.appEnv();
            String killedAt = jvm.killInside(step);

            Run rollback = run(world.args("rollback", "--yes"));

            assertThat(rollback.code()).as("killed at " + killedAt + "\n" + rollback.err() + rollback.out()).isZero();
            assertThat(jvm.replicas()).as("the app is back").isEqualTo(1);
            assertThat(jvm.appEnv()).as("with its original env").isEqualTo(envBefore);
            try (Connection c = SeparateJvm.appLogin(source)) {
                assertThat(SeparateJvm.players(c)).as("the source, open to the app's login, holds its data")
                        .isEqualTo(BasketballFixture.PLAYERS);
            }
            assertThat(Long.parseLong(sourceScalar("SELECT count(*) FROM pg_catalog.pg_roles WHERE rolname LIKE"
                    + " 'rehome\\_%'"))).as("no migration role left").isZero();
        }
    }

    @org.junit.jupiter.api.Test
    void sigtermWhileTheCopyRunsStopsAtTheNextSafePointAndPutsTheAppBack() throws Exception {
        try (LiveBasketballWorld world = LiveBasketballWorld.start(source, target, dir, CLOCK)) {
            world.admitApp();
            SeparateJvm jvm = new SeparateJvm(world, dir);
            var envBefore = jvm.appEnv();
            Process child = jvm.start("sigterm", world.migrate());
            String seen = jvm.awaitJournal(child, "copy");

            child.destroy(); // SIGTERM, as Ctrl-C, a cancelled CI job or a pod being stopped sends

            assertThat(child.waitFor(120, TimeUnit.SECONDS)).as("stopped within the grace").isTrue();
            String out = jvm.output("sigterm");
            assertThat(child.exitValue()).as(out).isEqualTo(143);
            assertThat(out).contains("stopping at the next safe point");
            assertThat(jvm.journalLine("migrator.rollback")).as("seen at the signal: " + seen + "\n" + out)
                    .isEqualTo("fact.migrator.rollback=finished");
            assertThat(jvm.replicas()).as("the app is back").isEqualTo(1);
            assertThat(jvm.appEnv()).as("with its original env").isEqualTo(envBefore);
            try (Connection c = SeparateJvm.appLogin(source)) {
                assertThat(SeparateJvm.players(c)).isEqualTo(BasketballFixture.PLAYERS);
            }

            Run rerun = run(world.migrate());
            assertThat(rerun.code()).as(rerun.err() + rerun.out()).isZero();
            assertThat(targetLong("SELECT count(*) FROM public.players")).isEqualTo(BasketballFixture.PLAYERS);
        }
    }

    @org.junit.jupiter.api.Test
    void aRollbackKilledMidWayIsFinishedByTheNextRollback() throws Exception {
        try (LiveBasketballWorld world = LiveBasketballWorld.start(source, target, dir, CLOCK)) {
            world.admitApp();
            SeparateJvm jvm = new SeparateJvm(world, dir);
            var envBefore = jvm.appEnv();
            jvm.killInside("copy");
            Process rollback = jvm.start("rollback-killed", world.args("rollback", "--yes"));
            String seen = "";
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (System.nanoTime() < deadline && rollback.isAlive() && !seen.endsWith("in-progress")) {
                seen = jvm.journalLine("migrator.rollback");
                Thread.sleep(5);
            }
            rollback.destroyForcibly(); // SIGKILL, mid-rollback (or, on a fast machine, just after it)
            assertThat(rollback.waitFor(30, TimeUnit.SECONDS)).isTrue();

            Run again = run(world.args("rollback", "--yes"));

            assertThat(again.code()).as("seen at the kill: " + seen + "\n" + again.err() + again.out()).isZero();
            assertThat(jvm.journalLine("migrator.rollback")).isEqualTo("fact.migrator.rollback=finished");
            assertThat(jvm.replicas()).isEqualTo(1);
            assertThat(jvm.appEnv()).isEqualTo(envBefore);
            try (Connection c = SeparateJvm.appLogin(source)) {
                assertThat(SeparateJvm.players(c)).isEqualTo(BasketballFixture.PLAYERS);
            }
        }
    }

    private long targetLong(String sql) throws SQLException {
        try (Connection c = target.connect("basketball"); var s = c.createStatement(); var rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private String sourceScalar(String sql) throws SQLException {
        try (Connection c = source.connect("postgres"); var s = c.createStatement(); var rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static String appEnvSecret(SeparateJvm jvm) {
        return jvm.appEnv().stream().filter(e -> e.getName().equals("BASKETBALL_DATABASE_URL")).findFirst()
                .orElseThrow().getValueFrom().getSecretKeyRef().getName();
    }

    private Run run(String[] args) {
        return LiveBasketballWorld.run(dir, CLOCK, args);
    }
}
