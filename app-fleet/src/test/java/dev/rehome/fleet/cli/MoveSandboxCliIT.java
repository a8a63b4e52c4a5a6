package dev.rehome.fleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(600)
class MoveSandboxCliIT {
    @TempDir
    Path home;

    @Test
    void migrateAllUncoveredInTheSandboxMovesAllThreeTwoAtATime() throws Exception {
        Path json = home.resolve("fleet.json");
        var r = new InProcessCli(home, Map.of()).run("migrate", "--all-uncovered", "--into", "postgres/pal-e-postgres",
                "--sandbox", "--parallel", "2", "--report-json", json.toString());
        assertThat(r.exit()).as(r.all()).isZero();
        assertThat(r.stdout()).contains("3 moved and verified, 0 rolled back, 0 refused, 0 failed")
                .contains("| pal-e-mail/postgres | postgres/pal-e-postgres/palemail | moved and verified |");
        assertThat(r.stderr()).contains("[mcd-tracker/postgres] ✔ verify");
        String report = Files.readString(json);
        assertThat(report).contains("\"result\" : \"passed\"").doesNotContain("\"status\" : \"refused\"");
        assertThat(report.split("\"status\" : \"moved\"", -1)).hasSize(4);
        assertThat(report.split("\"measuredMillis\" : \\d+", -1)).as("each move's downtime, measured").hasSize(4);
        assertThat(r.all()).doesNotContain("sandbox-mcd-tracker-pw");
    }

    @Test
    void retireBeforeAVerifiedMoveIsRefused() {
        var r = new InProcessCli(home, Map.of()).run("retire", "mcd-tracker/postgres", "--into", "postgres/pal-e-postgres",
                "--sandbox", "--now");
        assertThat(r.exit()).as(r.all()).isEqualTo(3);
        assertThat(r.stderr()).contains("refused").contains("retire needs a verified cutover");
    }

    @Test
    void dryRunPrintsEveryPlanAndChangesNothing() {
        var r = new InProcessCli(home, Map.of()).run("migrate", "--all-uncovered", "--into", "postgres/pal-e-postgres",
                "--sandbox", "--dry-run");
        assertThat(r.exit()).as(r.all()).isZero();
        assertThat(r.stdout()).contains("# Plan basketball:mcd-tracker/postgres->postgres/pal-e-postgres/mcd_tracker")
                .contains("re-point: Deployment pal-e-mail container pal-e-mail: env DATABASE_HOST")
                .contains("never touched: PVC photo-uploads")
                .contains("(dry run: nothing was changed)");
        assertThat(r.stderr()).doesNotContain("✔ copy")
                .contains("sandbox: TLS to the target: disabled (the embedded PostgreSQL servers have no TLS)");
    }
}
