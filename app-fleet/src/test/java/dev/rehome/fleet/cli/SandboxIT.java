package dev.rehome.fleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The README's first command: {@code copy --sandbox} on a machine with nothing set up, through the real jar. */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class SandboxIT {
    @TempDir
    Path work;

    @Test
    void copiesTheSampleDatabaseBetweenTwoEmbeddedServersAndExits0() throws Exception {
        FleetJar.Result r = new FleetJar(work).run(Map.of(), "copy", "--sandbox");

        assertThat(r.exit()).as(r.all()).isZero();
        assertThat(r.stdout()).startsWith("# rehome copy: passed")
                .contains("| checks | rows, checksum, sequence, schema, large-objects |")
                .contains("not replayed: role trap_reader does not exist in the target");
        assertThat(r.stderr()).contains("sandbox: starting PostgreSQL 15 (source) and 17 (target)");
    }

    @Test
    void reportJsonDashPutsTheJsonReportOnStdoutForAScript() throws Exception {
        FleetJar.Result r = new FleetJar(work).run(Map.of(), "copy", "--sandbox", "--report-json", "-");

        assertThat(r.exit()).as(r.all()).isZero();
        var json = tools.jackson.databind.json.JsonMapper.builder().build().readTree(r.stdout());
        assertThat(json.get("result").asString()).isEqualTo("passed");
        assertThat(r.stdout()).doesNotContain("# rehome copy");
    }

    /**
     * The lean jar still runs what it ships for: the in-process cluster API of the fleet sandbox (which the trimmed
     * fabric8 models and BouncyCastle must still link) and a move of all three databases; and it stays small.
     */
    @Test
    void theLeanJarMovesTheWholeSandboxFleetAndStaysUnder60MiB() throws Exception {
        assertThat(java.nio.file.Files.size(FleetJar.JAR)).as("rehome-fleet.jar size").isLessThanOrEqualTo(60L << 20);
        FleetJar.Result r = new FleetJar(work).run(Map.of(), "migrate", "--all-uncovered", "--into",
                "postgres/pal-e-postgres", "--sandbox");
        assertThat(r.exit()).as(r.all()).isZero();
        assertThat(r.all()).doesNotContain("NoClassDefFoundError").doesNotContain("ClassNotFoundException");
    }
}
