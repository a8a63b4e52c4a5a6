package dev.rehome.basketball.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The README's first command, end to end through the CLI: {@code migrate --sandbox} exits 0 with the report. */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class SandboxCliIT {
    @TempDir
    Path dir;

    /**
     * Today, and three years from now: the sandbox dates its seeded cluster (the last CNPG backup, the schedule)
     * for the clock it runs on, so the README's first command works on any date. Both clocks run in real time,
     * since the sandbox waits on real servers.
     */
    static List<Clock> clocks() {
        return List.of(Clock.systemUTC(), Clock.offset(Clock.systemUTC(), Duration.ofDays(3 * 365)));
    }

    @ParameterizedTest(name = "clock {0}")
    @MethodSource("clocks")
    void migrateInTheSandboxExitsZeroAndPrintsTheReport(Clock clock) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Path json = dir.resolve("report.json");

        int code = BasketballMain.run(new String[] {"migrate", "--sandbox", "--report-json", json.toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                clock, dir.resolve("rehome.log"));

        String report = out.toString(StandardCharsets.UTF_8);
        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("✔ preflight", "✔ copy", "✔ prove-backup",
                "✔ prove-restore");
        assertThat(report).contains("**Result:** moved and verified", "| players | 76 | 76 | 76 | =",
                "| paid_orders | 13 | 13 | 13 | =", "| public.players | 76 | 76 | compared | yes",
                "rehome/basketball-api-to-pal-e-postgres", "-  - postgres.yaml", "never touched: PVC basketball-api/photo-uploads",
                "backupId");
        assertThat(Files.readString(json)).contains("\"result\" : \"passed\"", "\"engine\" : \"dump-restore\"",
                "\"name\" : \"public.players\"");
        var restore = tools.jackson.databind.json.JsonMapper.builder().build().readTree(json.toFile()).get("restoreProof");
        assertThat(restore.get("status").asString()).as(restore.toString()).isEqualTo("passed");
        assertThat(restore.get("database").asString()).isEqualTo("basketball");
        assertThat(restore.get("rowsCompared").asLong()).as("the real rows of the restored copy").isGreaterThan(76);
        assertThat(restore.get("secondsToRestore").asDouble()).isPositive();
        assertThat(report).contains("## Restore proof").contains("**Downtime** (the app at 0 replicas): ")
                .contains(" before the run");
        var downtime = tools.jackson.databind.json.JsonMapper.builder().build().readTree(json.toFile()).get("downtime");
        assertThat(downtime.get("estimatedMillis").asLong()).as(downtime.toString()).isPositive();
        assertThat(downtime.get("measuredMillis").isNumber()).as("measured once the app is back: " + downtime).isTrue();
    }

    @Test
    void aDryRunInTheSandboxShowsThePlanAndChangesNothing() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = BasketballMain.run(new String[] {"migrate", "--sandbox", "--dry-run"},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                Clock.systemUTC(), dir.resolve("rehome.log"));
        assertThat(code).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("POINT OF NO RETURN", "NOLOGIN",
                "(dry run: nothing was changed)").as("the room check reads the embedded target's disk")
                .containsPattern("target data volume \\d+ MiB free");
        assertThat(err.toString(StandardCharsets.UTF_8)).as("the sandbox names its TLS mode instead of weakening the default")
                .contains("sandbox: TLS to the target: disabled (the embedded PostgreSQL servers have no TLS)");
    }

    @Test
    void aDryRunAsJsonIsThePlanAScriptCanRead() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = BasketballMain.run(new String[] {"migrate", "--sandbox", "--dry-run", "-o", "json"},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                Clock.systemUTC(), dir.resolve("rehome.log"));

        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
        var plan = tools.jackson.databind.json.JsonMapper.builder().build().readTree(out.toString(StandardCharsets.UTF_8));
        assertThat(plan.get("steps").findValuesAsString("id")).contains("preflight", "quiesce", "copy", "repoint");
        assertThat(plan.get("preflight").get("refusals").isEmpty()).isTrue();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("NOLOGIN").doesNotContain("(dry run");
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("(dry run: nothing was changed)");
    }
}
