package dev.rehome.basketball.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rehome.basketball.live.LiveBasketballWorld.Run;
import dev.rehome.testkit.PostgresServer;
import dev.rehome.testkit.PostgresServers;
import dev.rehome.testkit.fixtures.BasketballFixture;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
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
    private static final Path JAR = Path.of("target", "rehome-basketball.jar");

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
            String killedAt = killInside(world, step);

            Run rerun = run(world.migrate());

            assertThat(rerun.code()).as("killed at " + killedAt + "\n" + rerun.err() + rerun.out()).isZero();
            assertThat(rerun.out()).contains("**Result:** moved and verified");
            assertThat(targetLong("SELECT count(*) FROM public.players")).isEqualTo(BasketballFixture.PLAYERS);
            assertThat(targetLong("SELECT count(*) FROM pg_catalog.pg_class WHERE relname = 'players'"))
                    .as("one copy of the data").isEqualTo(1);
            assertThat(appEnvSecret(world)).isEqualTo("basketball-db-pal-e-postgres");
            assertThat(replicas(world)).isEqualTo(1);
        }
    }

    @ParameterizedTest(name = "kill -9 while {0} runs, then rollback")
    @ValueSource(strings = {"quiesce", "copy", "verify"})
    void aMigrateKilledBeforeThePointOfNoReturnIsUndoneByRollback(String step) throws Exception {
        try (LiveBasketballWorld world = LiveBasketballWorld.start(source, target, dir, CLOCK)) {
            world.admitApp();
            var envBefore = appEnv(world);
            String killedAt = killInside(world, step);

            Run rollback = run(world.args("rollback", "--yes"));

            assertThat(rollback.code()).as("killed at " + killedAt + "\n" + rollback.err() + rollback.out()).isZero();
            assertThat(replicas(world)).as("the app is back").isEqualTo(1);
            assertThat(appEnv(world)).as("with its original env").isEqualTo(envBefore);
            try (Connection c = appLogin()) {
                assertThat(count(c)).as("the source, open to the app's login, holds its data")
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
            var envBefore = appEnv(world);
            Process child = startMigrate(world, "sigterm");
            String seen = awaitJournal(world, child, "copy");

            child.destroy(); // SIGTERM, as Ctrl-C, a cancelled CI job or a pod being stopped sends

            assertThat(child.waitFor(120, TimeUnit.SECONDS)).as("stopped within the grace").isTrue();
            String out = Files.readString(dir.resolve("sigterm.out"));
            assertThat(child.exitValue()).as(out).isEqualTo(143);
            assertThat(out).contains("stopping at the next safe point");
            assertThat(journalLine(world, "migrator.rollback")).as("seen at the signal: " + seen + "\n" + out)
                    .isEqualTo("fact.migrator.rollback=finished");
            assertThat(replicas(world)).as("the app is back").isEqualTo(1);
            assertThat(appEnv(world)).as("with its original env").isEqualTo(envBefore);
            try (Connection c = appLogin()) {
                assertThat(count(c)).isEqualTo(BasketballFixture.PLAYERS);
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
            var envBefore = appEnv(world);
            killInside(world, "copy");
            Process rollback = start(world, "rollback-killed", world.args("rollback", "--yes"));
            String seen = "";
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (System.nanoTime() < deadline && rollback.isAlive() && !seen.endsWith("in-progress")) {
                seen = journalLine(world, "migrator.rollback");
                Thread.sleep(5);
            }
            rollback.destroyForcibly(); // SIGKILL, mid-rollback (or, on a fast machine, just after it)
            assertThat(rollback.waitFor(30, TimeUnit.SECONDS)).isTrue();

            Run again = run(world.args("rollback", "--yes"));

            assertThat(again.code()).as("seen at the kill: " + seen + "\n" + again.err() + again.out()).isZero();
            assertThat(journalLine(world, "migrator.rollback")).isEqualTo("fact.migrator.rollback=finished");
            assertThat(replicas(world)).isEqualTo(1);
            assertThat(appEnv(world)).isEqualTo(envBefore);
            try (Connection c = appLogin()) {
                assertThat(count(c)).isEqualTo(BasketballFixture.PLAYERS);
            }
        }
    }

    private Process startMigrate(LiveBasketballWorld world, String name) throws IOException {
        return start(world, name, world.migrate());
    }

    private Process start(LiveBasketballWorld world, String name, String[] args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", JAR.toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(dir.resolve(name + ".out").toFile());
        pb.environment().put("REHOME_LOG_FILE", dir.resolve(name + ".log").toString());
        return pb.start();
    }

    /** Waits until the journal shows {@code step} running or past it, with the run still going. */
    private String awaitJournal(LiveBasketballWorld world, Process child, String step) throws Exception {
        String seen = "";
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline && child.isAlive() && seen.isEmpty()) {
            seen = journalLine(world, "step." + step + ".status");
            Thread.sleep(20);
        }
        assertThat(child.isAlive()).as("the run was still going when " + step + " showed (" + seen + ")").isTrue();
        assertThat(seen).as(step + " showed in the journal").isNotEmpty();
        return seen;
    }

    /**
     * Starts migrate in its own JVM and SIGKILLs it as soon as its journal shows {@code step} running (or past it,
     * when the step was quicker than one look); returns what the journal showed at the kill.
     */
    private String killInside(LiveBasketballWorld world, String step) throws Exception {
        Process child = startMigrate(world, "killed-" + step);
        String seen = awaitJournal(world, child, step);
        child.destroyForcibly(); // SIGKILL
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(child.exitValue()).as("killed by SIGKILL").isEqualTo(137);
        return seen;
    }

    /** The journal's line for {@code key} ({@code step.copy.status}, {@code fact.x}); empty while there is none. */
    private static String journalLine(LiveBasketballWorld world, String key) throws IOException {
        if (!Files.isDirectory(world.journal)) {
            return "";
        }
        try (Stream<Path> files = Files.list(world.journal)) {
            for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".properties")).toList()) {
                for (String line : readQuietly(f)) {
                    if (line.startsWith(key + "=") || line.startsWith("fact." + key + "=")) {
                        return line;
                    }
                }
            }
        }
        return "";
    }

    private static List<String> readQuietly(Path f) {
        try {
            return Files.readAllLines(f, StandardCharsets.UTF_8);
        } catch (IOException replacedWhileReading) {
            return List.of();
        }
    }

    private static String appEnvSecret(LiveBasketballWorld world) {
        return appEnv(world).stream().filter(e -> e.getName().equals("BASKETBALL_DATABASE_URL")).findFirst()
                .orElseThrow().getValueFrom().getSecretKeyRef().getName();
    }

    private static List<io.fabric8.kubernetes.api.model.EnvVar> appEnv(LiveBasketballWorld world) {
        return world.client().apps().deployments().inNamespace("basketball-api").withName("basketball-api").get()
                .getSpec().getTemplate().getSpec().getContainers().get(0).getEnv();
    }

    private static int replicas(LiveBasketballWorld world) {
        return world.client().apps().deployments().inNamespace("basketball-api").withName("basketball-api").get()
                .getSpec().getReplicas();
    }

    private Connection appLogin() throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", "basketball");
        p.setProperty("password", LiveBasketballWorld.SOURCE_PASSWORD);
        return DriverManager.getConnection("jdbc:postgresql://" + source.host() + ":" + source.port() + "/basketball", p);
    }

    private static long count(Connection c) throws SQLException {
        try (var s = c.createStatement(); var rs = s.executeQuery("SELECT count(*) FROM public.players")) {
            rs.next();
            return rs.getLong(1);
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

    private Run run(String[] args) {
        return LiveBasketballWorld.run(dir, CLOCK, args);
    }
}
