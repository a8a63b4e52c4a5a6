package dev.rehome.kubectl.dump;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rehome.core.CommandFailedException;
import dev.rehome.core.CopyOptions;
import dev.rehome.core.CopyRequest;
import dev.rehome.core.DatabaseEndpoint;
import dev.rehome.core.MigrationListener;
import dev.rehome.core.OperationFailedException;
import dev.rehome.core.Secret;
import dev.rehome.core.UnreachableException;
import dev.rehome.core.spi.CommandSpec;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DumpRestoreEngineTest {
    private static final DatabaseEndpoint SOURCE = DatabaseEndpoint.of("old-db", 5432, "shop", "app", Secret.of("s3cret-src"));
    private static final DatabaseEndpoint TARGET = DatabaseEndpoint.of("new-db", 5432, "shop", "app", Secret.of("s3cret-tgt"));
    private static final ScriptedRunner.Script ARCHIVE = ScriptedRunner.Script.ok("PGDMP" + "x".repeat(1_000_000));

    @Test
    void aDumpThatFailsAfterItsOutputFailsTheCopyAsPgDump() {
        var runner = runner(Map.of("pg_dump", new ScriptedRunner.Script(ARCHIVE.stdout(), 1,
                "pg_dump: error: query failed: lock timeout", Long.MAX_VALUE)));
        assertThatThrownBy(() -> copy(runner))
                .isInstanceOfSatisfying(CommandFailedException.class, e -> {
                    assertThat(e.getMessage()).startsWith("pg_dump in the script exited 1").contains("lock timeout");
                    assertThat(e.stderrTail()).contains("lock timeout");
                });
    }

    @Test
    void aRestoreThatStopsReadingFailsTheCopyWithItsOwnStderr() {
        var runner = runner(Map.of("pg_dump", ARCHIVE, "pg_restore", new ScriptedRunner.Script(new byte[0], 1,
                "pg_restore: error: could not execute query: ERROR:  relation \"t\" already exists", 1000)));
        assertThatThrownBy(() -> copy(runner))
                .isInstanceOf(CommandFailedException.class)
                .hasMessageStartingWith("pg_restore in the script exited 1").hasMessageContaining("already exists");
    }

    @Test
    void aRestoreThatExitsZeroWithoutReadingTheWholeDumpStillFails() {
        var runner = runner(Map.of("pg_dump", ARCHIVE, "pg_restore", new ScriptedRunner.Script(new byte[0], 0, "", 1000)));
        assertThatThrownBy(() -> copy(runner))
                .isInstanceOf(OperationFailedException.class).hasMessageContaining("stopped reading the dump");
    }

    @Test
    void aPgDumpOlderThanTheSourceSaysWhatToInstall() {
        var runner = runner(Map.of("pg_dump", new ScriptedRunner.Script(new byte[0], 1,
                "pg_dump: error: aborting because of server version mismatch\n"
                        + "pg_dump: detail: server version: 17.6; pg_dump version: 15.18", Long.MAX_VALUE)));
        assertThatThrownBy(() -> copy(runner))
                .isInstanceOf(CommandFailedException.class)
                .hasMessageContaining("server version mismatch").hasMessageContaining("at least the source");
    }

    @Test
    void aRefusedLoginIsAnUnreachableServer() {
        var runner = runner(Map.of("psql:pg_roles", new ScriptedRunner.Script(new byte[0], 2,
                "psql: error: connection to server at \"new-db\" (10.0.0.5), port 5432 failed: FATAL:  password"
                        + " authentication failed for user \"app\"", Long.MAX_VALUE)));
        assertThatThrownBy(() -> copy(runner))
                .isInstanceOf(UnreachableException.class)
                .hasMessageContaining("postgresql://app@new-db:5432/shop")
                .hasMessageContaining("password authentication failed");
    }

    @Test
    void passwordsTravelOnlyInSecretEnvironmentAndPsqlStopsOnTheFirstError() {
        var runner = runner(Map.of("pg_dump", ARCHIVE,
                "psql:pg_roles", ScriptedRunner.Script.ok("app\0shop_owner\0")));
        new DumpRestoreEngine(runner, runner, PgClientCommands.onPath(), Clock.systemUTC(), Duration.ofMinutes(1))
                .copy(new CopyRequest(SOURCE, TARGET, CopyOptions.ofDefaults().withOwner("shop_owner")),
                        MigrationListener.NONE);

        assertThat(runner.started).extracting(CommandSpec::program)
                .contains("pg_dump", "pg_restore", "psql");
        for (CommandSpec spec : runner.started) {
            assertThat(String.join(" ", spec.argv())).doesNotContain("s3cret");
            assertThat(spec.env().values()).noneMatch(v -> v.contains("s3cret"));
            assertThat(spec.secretEnv()).containsOnlyKeys("PGPASSWORD");
            if (spec.program().equals("psql")) {
                assertThat(spec.argv()).contains("ON_ERROR_STOP=1");
            }
        }
        assertThat(runner.started).filteredOn(s -> s.program().equals("pg_restore"))
                .allSatisfy(s -> assertThat(s.argv()).contains("--exit-on-error", "--no-owner", "--no-privileges"));
    }

    private static ScriptedRunner runner(Map<String, ScriptedRunner.Script> scripts) {
        Map<String, ScriptedRunner.Script> all = new HashMap<>(scripts);
        all.putIfAbsent("psql:pg_roles", ScriptedRunner.Script.ok("app\0"));
        return new ScriptedRunner(all);
    }

    private static void copy(ScriptedRunner runner) {
        new DumpRestoreEngine(runner, runner, PgClientCommands.onPath(), Clock.systemUTC(), Duration.ofMinutes(1))
                .copy(new CopyRequest(SOURCE, TARGET, CopyOptions.ofDefaults()), MigrationListener.NONE);
    }
}
